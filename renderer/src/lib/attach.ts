import type { Attachment } from 'svelte/attachments';

/** `{@attach autofocus}`: focus the element once it is in the document (no `autofocus` attribute needed). */
export const autofocus: Attachment<HTMLElement> = (element) => {
  element.focus();
};
