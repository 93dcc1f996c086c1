import { ipcMain, type BrowserWindow } from 'electron';
import type { Result } from '../../shared/errors';
import { SHELL_CHANNELS, type KioskState } from '../../shared/shell-api';
import { dispatch } from '../core/api/dispatch';
import type { Desk } from '../core/desk';
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
 * The renderer's kiosk control: leaving needs the organizer PIN, checked by the core exactly as
 * the PIN dialog's (so wrong guesses count towards the same lockout); entering needs nothing.
 */
export function registerKioskIpc(desk: Desk, win: BrowserWindow): () => void {
  const state = async (): Promise<Result<KioskState>> => ({ ok: true, value: { kiosk: win.isKiosk() } });
  handleFromOurPage(win, SHELL_CHANNELS.kioskState, state);
  handleFromOurPage(win, SHELL_CHANNELS.enterKiosk, () => {
    win.setKiosk(true);
    return state();
  });
  handleFromOurPage(win, SHELL_CHANNELS.leaveKiosk, async (pin) => {
    const check = await dispatch(desk, 'unlockOrganizer', { pin });
    if (!check.ok) return check;
    win.setKiosk(false);
    return state();
  });
  return () => {
    for (const channel of Object.values(SHELL_CHANNELS)) ipcMain.removeHandler(channel);
  };
}
