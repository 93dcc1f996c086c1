/** The parts of Electron's `Input` (before-input-event) the kiosk looks at. */
export interface KeyInput {
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/** Keys that act on the window or the browser whatever the modifiers: reload, full screen, devtools, browser keys. */
const WINDOW_KEYS = new Set(['F5', 'F11', 'F12', 'BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'BrowserStop']);
/**
 * With Ctrl (Cmd on a Mac): reload, devtools, zoom, close, quit, new window or tab, print, save,
 * open, history, downloads, view source. Ctrl+A/C/V/X/Z/Y and Ctrl+Enter stay: the forms use them.
 */
const CTRL_KEYS = new Set(['r', 'i', 'j', 'u', '+', '=', '-', '_', '0', 'w', 'q', 'n', 't', 'p', 's', 'o', 'h', 'F4']);
/** With Alt: back, forward, home, close window. */
const ALT_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'F4']);

/**
 * Whether a key press is swallowed while the desk is locked (kiosk mode). The app's own keys (Esc,
 * Enter, F2, F4, Tab, arrows, digits, what a scanner types) pass. Alt+Tab and Ctrl+Alt+Del
 * belong to the operating system and never reach a window; the kiosk's full screen covers them.
 */
export function isBlockedInKiosk(input: KeyInput): boolean {
  if (WINDOW_KEYS.has(input.key)) return true;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if ((input.control || input.meta) && CTRL_KEYS.has(key)) return true;
  // Cmd+Alt+I opens the devtools on a Mac, Ctrl+Shift+C the element picker elsewhere.
  if ((input.control || input.meta) && (input.shift || input.alt) && key === 'c') return true;
  return input.alt && !input.control && ALT_KEYS.has(input.key);
}
