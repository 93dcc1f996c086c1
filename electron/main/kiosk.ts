import { ipcMain, type BrowserWindow } from 'electron';
import type { Result } from '../../shared/errors';
import { SHELL_CHANNELS, type KioskState } from '../../shared/shell-api';
import { toWireError } from '../core/api/wire-error';
import type { Desk } from '../core/desk';
import { checkOrganizerPin } from '../core/services/organizer';
import { handleFromOurPage } from './ipc';
import { isBlockedInKiosk } from './kiosk-shortcuts';

/**
 * While the window is in kiosk mode a volunteer can neither reload it, open the devtools, zoom,
 * nor close it; `mayClose` says when closing is the system's wish (quitting, logging off).
 */
export function lockKiosk(win: BrowserWindow, mayClose: () => boolean): void {
  win.webContents.on('before-input-event', (event, input) => {
    if (win.isKiosk() && isBlockedInKiosk(input)) event.preventDefault();
  });
  win.on('close', (event) => {
    if (win.isKiosk() && !mayClose()) event.preventDefault();
  });
}

/**
 * The renderer's kiosk control: leaving needs the organizer PIN, checked by the core's one PIN
 * check (wrong guesses count towards the same lockout as the PIN dialog's); entering needs nothing.
 */
export function registerKioskIpc(desk: Desk, win: BrowserWindow): () => void {
  const state = async (): Promise<Result<KioskState>> => ({ ok: true, value: { kiosk: win.isKiosk() } });
  handleFromOurPage(win, SHELL_CHANNELS.kioskState, state);
  handleFromOurPage(win, SHELL_CHANNELS.enterKiosk, () => {
    win.setKiosk(true);
    return state();
  });
  handleFromOurPage(win, SHELL_CHANNELS.leaveKiosk, async (pin) => {
    if (typeof pin !== 'string' || pin.length > 12) return { ok: false, error: { code: 'bad_request', params: { detail: 'pin' } } };
    try {
      await checkOrganizerPin(desk, pin);
    } catch (error) {
      return { ok: false, error: toWireError(error) };
    }
    win.setKiosk(false);
    return state();
  });
  return () => {
    for (const channel of Object.values(SHELL_CHANNELS)) ipcMain.removeHandler(channel);
  };
}
