import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS } from '../../shared/api-methods';
import type { Result } from '../../shared/errors';
import { dispatch } from '../core/api/dispatch';
import type { Desk } from '../core/desk';
import { isAppOrigin } from './window-factory';

export const CHANGE_CHANNEL = 'loket:changed';

const NOT_OURS: Result<never> = { ok: false, error: { code: 'bad_request', params: { detail: 'sender' } } };

/** Our window's own top-level page on app://loket; no other window, frame or origin. */
function fromOurPage(event: IpcMainInvokeEvent, win: BrowserWindow): boolean {
  const frame = event.senderFrame;
  return !win.isDestroyed() && event.sender === win.webContents && frame !== null && frame.parent === null && isAppOrigin(frame.url);
}

/** The one wrapper every IPC handler goes through: the sender is checked before anything runs. */
export function handleFromOurPage(win: BrowserWindow, channel: string, run: (...args: unknown[]) => Promise<Result<unknown>>): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => (fromOurPage(event, win) ? run(...args) : Promise.resolve(NOT_OURS)));
}

/** One channel per contract method, each checking that the call comes from our own page. */
export function registerIpc(desk: Desk, win: BrowserWindow): () => void {
  // The second argument is the page's session token: an organizer unlock holds for that page only.
  for (const method of API_METHODS) handleFromOurPage(win, `loket:${method}`, (input, session) => dispatch(desk, method, input, session));
  const unsubscribe = desk.onChange(() => {
    if (!win.isDestroyed()) win.webContents.send(CHANGE_CHANNEL);
  });
  return () => {
    unsubscribe();
    for (const method of API_METHODS) ipcMain.removeHandler(`loket:${method}`);
  };
}
