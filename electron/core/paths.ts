import { mkdirSync } from 'node:fs';
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

/**
 * Create a data folder (and any missing parents) for this user only: its database holds every name
 * and the event secret, which a folder made with the usual 0755 would show every account on the
 * machine. A folder that exists already is left as its owner set it. (Windows ignores the mode; a
 * profile's folders are that user's already.)
 */
export function makeDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Where the export screen writes its reports: inside the data folder, yet left by a purge (see privacy-service). */
export function exportsDir(dataDir: string): string {
  return join(dataDir, 'ekspor');
}

/** The built renderer, beside the built core (out/core → out/renderer). */
export function rendererDir(): string {
  return fileURLToPath(new URL('../renderer/', import.meta.url));
}
