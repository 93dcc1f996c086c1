import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResults } from '../../shared/api';
import { API_METHODS, type ApiMethod } from '../../shared/api-methods';
import type { Result } from '../../shared/errors';
import { SHELL_CHANNELS, type ShellApi } from '../../shared/shell-api';

/**
 * Named methods only (never ipcRenderer or a generic invoke): one per contract method, each on
 * its own channel, plus a change notification; and the shell's own few (kiosk lock-down).
 */
export type PreloadApi = { [M in ApiMethod]: (input: unknown, session?: string) => Promise<Result<ApiResults[M]>> } & {
  onChange(callback: () => void): () => void;
};

const methods = Object.fromEntries(
  API_METHODS.map((method) => [method, (input: unknown, session?: string) => ipcRenderer.invoke(`loket:${method}`, input, session)]),
) as { [M in ApiMethod]: PreloadApi[M] };

const api = {
  ...methods,
  onChange(callback: () => void) {
    const listener = () => callback();
    ipcRenderer.on('loket:changed', listener);
    return () => ipcRenderer.removeListener('loket:changed', listener);
  },
} satisfies PreloadApi;

const shell = {
  kioskState: () => ipcRenderer.invoke(SHELL_CHANNELS.kioskState),
  leaveKiosk: (pin: string) => ipcRenderer.invoke(SHELL_CHANNELS.leaveKiosk, pin),
  enterKiosk: () => ipcRenderer.invoke(SHELL_CHANNELS.enterKiosk),
} satisfies ShellApi;

contextBridge.exposeInMainWorld('loket', api);
contextBridge.exposeInMainWorld('loketShell', shell);
