import { app, powerSaveBlocker } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Desk } from '../core/desk';
import { seedDemoEvent } from '../core/demo/seed';
import { DeskSync } from '../core/sync/desk-sync';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { electronPlatform } from './printing';
import { createHardenedWindow, installPermissionPolicy } from './window-factory';

/** The Electron shell: lifecycle, protocol, IPC wiring. Everything else is the plain-Node core. */
const here = fileURLToPath(new URL('.', import.meta.url));

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  const desk = Desk.open(join(app.getPath('userData'), 'desk'), { platform: electronPlatform() });
  if (!desk.event()) seedDemoEvent(desk);
  // Dials the desks it joined (no listening socket: a `loket serve` hub or another desk accepts).
  const sync = new DeskSync({ desk });
  sync.start();
  serveRenderer(join(here, '../renderer'));
  installPermissionPolicy();
  const win = createHardenedWindow(join(here, '../preload/index.cjs'), { kiosk: process.env.LOKET_KIOSK === '1' });
  const unregister = registerIpc(desk, win);
  const poll = setInterval(() => desk.refresh(), 250);
  powerSaveBlocker.start('prevent-display-sleep');
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  app.on('second-instance', () => win.isMinimized() ? win.restore() : win.focus());
  app.on('window-all-closed', () => {
    clearInterval(poll);
    unregister();
    sync.close();
    desk.close();
    app.quit();
  });
});
