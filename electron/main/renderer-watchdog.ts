import type { BrowserWindow } from 'electron';
import { isAppOrigin } from './window-factory';

/** How long a hung page gets to recover by itself before its process is replaced. */
export const HANG_GRACE_MS = 5_000;
/** A pause before reloading, so a page that crashes on load does not spin the CPU. */
export const RESTART_DELAY_MS = 1_000;

/**
 * A crashed or hung renderer is replaced and returns to the screen it was on. The renderer keeps
 * its screen in the URL hash (`#/settings`, renderer/src/lib/route.ts), so the last URL of our
 * origin is the screen; a hang is turned into a crash, which has one way back.
 */
export function keepRendererAlive(win: BrowserWindow, home: string): void {
  const contents = win.webContents;
  let last = home;
  const remember = (_event: unknown, url: string) => {
    if (isAppOrigin(url)) last = url;
  };
  contents.on('did-navigate', remember);
  contents.on('did-navigate-in-page', remember);

  contents.on('render-process-gone', (_event, details) => {
    // A clean exit is the app closing, not a failure.
    if (details.reason === 'clean-exit') return;
    setTimeout(() => {
      if (!win.isDestroyed()) void win.loadURL(last);
    }, RESTART_DELAY_MS);
  });

  let hang: ReturnType<typeof setTimeout> | undefined;
  contents.on('unresponsive', () => {
    clearTimeout(hang);
    hang = setTimeout(() => {
      if (!win.isDestroyed()) contents.forcefullyCrashRenderer();
    }, HANG_GRACE_MS);
  });
  contents.on('responsive', () => clearTimeout(hang));
}
