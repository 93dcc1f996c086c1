import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a desk keeps its data when no --data is given: the platform's per-user app data folder. */
export function defaultDataDir(): string {
  if (process.env.LOKET_DATA) return process.env.LOKET_DATA;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Loket');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Loket');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'loket');
}

/** The built renderer, beside the built core (out/core → out/renderer). */
export function rendererDir(): string {
  return fileURLToPath(new URL('../renderer/', import.meta.url));
}
