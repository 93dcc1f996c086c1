import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS } from '../../shared/api-methods';
import type { Result } from '../../shared/errors';
import { dispatch } from '../core/api/dispatch';
import type { Desk } from '../core/desk';
import { isAppOrigin } from './window-factory';

export const CHANGE_CHANNEL = 'loket:changed';

function fromOurFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && isAppOrigin(frame.url);
}

/** One channel per contract method, each checking that the call comes from our own page. */
export function registerIpc(desk: Desk, win: BrowserWindow): () => void {
  for (const method of API_METHODS) {
    ipcMain.handle(`loket:${method}`, async (event, input: unknown): Promise<Result<unknown>> => {
      if (!fromOurFrame(event)) return { ok: false, error: { code: 'bad_request', params: { detail: 'sender' } } };
      return dispatch(desk, method, input);
    });
  }
  const unsubscribe = desk.onChange(() => {
    if (!win.isDestroyed()) win.webContents.send(CHANGE_CHANNEL);
  });
  return () => {
    unsubscribe();
    for (const method of API_METHODS) ipcMain.removeHandler(`loket:${method}`);
  };
}
