import type { View } from './app.svelte';

/**
 * The current screen in the URL hash (`#/settings`, `#/participant/<id>`), so a renderer the
 * Electron shell restarts after a crash or hang comes back on the screen it was on. Only the
 * screen: a half-filled form is not kept, and nothing personal goes into the URL (a participant's
 * ID is an opaque HMAC).
 */
type PlainView = Exclude<View, { id: string } | { prefill: unknown }>;

/** Every screen without parameters; a new one fails to compile until it is listed here. */
const PLAIN: Record<PlainView['name'], true> = {
  checkin: true,
  import: true,
  settings: true,
  kiosk: true,
  handover: true,
  stock: true,
  conflicts: true,
  certImport: true,
  sync: true,
  export: true,
  dashboard: true,
};

function isPlain(name: string): name is PlainView['name'] {
  return Object.hasOwn(PLAIN, name);
}

export function viewToHash(view: View): string {
  return view.name === 'participant' ? `#/participant/${encodeURIComponent(view.id)}` : `#/${view.name}`;
}

export function viewFromHash(hash: string): View {
  const [name = '', arg] = hash.replace(/^#\/?/, '').split('/');
  if (name === 'participant' && arg) return { name, id: decodeURIComponent(arg) };
  if (name === 'walkin') return { name, prefill: {} };
  return isPlain(name) ? { name } : { name: 'checkin' };
}
