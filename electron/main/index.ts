import { app } from 'electron';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runShell } from './shell';

/** The Electron entry: where things are, and whether the desk starts locked. */
const here = fileURLToPath(new URL('.', import.meta.url));
const kiosk = process.env.LOKET_KIOSK;
// `npm start -- --data DIR [--demo]` (electron/core/start.ts) passes the folder and the demo choice on.
const chosenData = process.env.LOKET_DATA;

runShell({
  dataDir: chosenData ? resolve(chosenData) : join(app.getPath('userData'), 'desk'),
  preload: join(here, '../preload/index.cjs'),
  rendererDir: join(here, '../renderer'),
  // An installed desk starts locked; LOKET_KIOSK=0/1 overrides (development, a trial run).
  kiosk: kiosk === undefined ? app.isPackaged : kiosk === '1',
  // An installed desk never makes the demo; `npm start` makes it in the default folder, or with --demo.
  demo: !app.isPackaged && (!chosenData || process.env.LOKET_DEMO === '1'),
});
