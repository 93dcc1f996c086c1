import { app } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runShell } from './shell';

/** The Electron entry: where things are, and whether the desk starts locked. */
const here = fileURLToPath(new URL('.', import.meta.url));
const kiosk = process.env.LOKET_KIOSK;

runShell({
  dataDir: join(app.getPath('userData'), 'desk'),
  preload: join(here, '../preload/index.cjs'),
  rendererDir: join(here, '../renderer'),
  // An installed desk starts locked; LOKET_KIOSK=0/1 overrides (development, a trial run).
  kiosk: kiosk === undefined ? app.isPackaged : kiosk === '1',
  demo: !app.isPackaged,
});
