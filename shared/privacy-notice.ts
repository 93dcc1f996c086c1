import { formatIsoDate, t, type Lang } from './i18n';

export interface NoticeFacts {
  eventName: string;
  /** YYYY-MM-DD, or null while the organizer has not set one. */
  retentionDate: string | null;
}

/**
 * The data-processing notice (UU PDP Pasal 20 and 21: what, why, who receives it, how long, the
 * person's rights), as the registration screens show it and as the export carries it.
 */
export function privacyNotice(lang: Lang, facts: NoticeFacts): { title: string; items: string[] } {
  return {
    title: t(lang, 'privacy.title'),
    items: [
      t(lang, 'privacy.what'),
      t(lang, 'privacy.why', { event: facts.eventName }),
      t(lang, 'privacy.who'),
      facts.retentionDate ? t(lang, 'privacy.keepUntil', { date: formatIsoDate(lang, facts.retentionDate) }) : t(lang, 'privacy.keepUnset'),
      t(lang, 'privacy.rights'),
    ],
  };
}
