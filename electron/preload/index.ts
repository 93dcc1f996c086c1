import { contextBridge, ipcRenderer } from 'electron';
import type { ApiResults } from '../../shared/api';
import { API_METHODS, type ApiMethod } from '../../shared/api-methods';
import type { Result } from '../../shared/errors';

/**
 * Named methods only (never ipcRenderer or a generic invoke): one per contract method, each on
 * its own channel, plus a change notification.
 */
export type PreloadApi = { [M in ApiMethod]: (input: unknown) => Promise<Result<ApiResults[M]>> } & {
  onChange(callback: () => void): () => void;
};

const methods = Object.fromEntries(
  API_METHODS.map((method) => [method, (input: unknown) => ipcRenderer.invoke(`loket:${method}`, input)]),
) as { [M in ApiMethod]: PreloadApi[M] };

const api = {
  ...methods,
  onChange(callback: () => void) {
    const listener = () => callback();
    ipcRenderer.on('loket:changed', listener);
    return () => ipcRenderer.removeListener('loket:changed', listener);
  },
} satisfies PreloadApi;

contextBridge.exposeInMainWorld('loket', api);
