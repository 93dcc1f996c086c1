import { app, dialog, powerSaveBlocker, type BrowserWindow } from 'electron';
import { BackupScheduler } from '../core/backup/backup-scheduler';
import { Desk } from '../core/desk';
import { LoketError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { seedDemoEvent } from '../core/demo/seed';
import { startLogAudit } from '../core/store/log-audit';
import { LanReplication } from '../core/sync/lan-replication';
import { UplinkHost } from '../core/uplink/uplink-host';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { lockKiosk, registerKioskIpc } from './kiosk';
import { electronPlatform } from './printing';
import { keepRendererAlive } from './renderer-watchdog';
import { createHardenedWindow, installPermissionPolicy, lockDownAllContents } from './window-factory';

export interface ShellOptions {
  dataDir: string;
  preload: string;
  rendererDir: string;
  /** Start locked full screen (only the organizer PIN leaves it). */
  kiosk: boolean;
  /** Create the demo event on an empty desk (`npm start`); an installed desk opens on the first-run screen to create or join. */
  demo: boolean;
}

const HOME = `${APP_ORIGIN}/index.html`;
/** Another process (the CLI, a `loket serve` on the same data) may write the database: look often. */
const REFRESH_MS = 250;

/**
 * The Electron shell's lifecycle: one instance per machine, one hardened window, the display kept
 * awake, the renderer kept alive, and the core (desk, replication) shut down in order on quit.
 */
export function runShell(options: ShellOptions): void {
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.enableSandbox();
  lockDownAllContents();
  let win: BrowserWindow | null = null;
  // A second start (a double click on the icon) brings the running desk forward instead.
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(async () => {
    const desk = openOrExplain(options.dataDir);
    if (desk) win = await openDesk(desk, options);
  });
}

/** A damaged database stops the start with the recovery path in both languages; nothing is written to it. */
function openOrExplain(dataDir: string): Desk | null {
  try {
    return Desk.open(dataDir, { platform: electronPlatform() });
  } catch (error) {
    if (!(error instanceof LoketError)) throw error;
    dialog.showErrorBox('Loket', `${t('id', `error.${error.code}`, error.params)}\n\n${t('en', `error.${error.code}`, error.params)}`);
    app.quit();
    return null;
  }
}

async function openDesk(desk: Desk, options: ShellOptions): Promise<BrowserWindow> {
  if (options.demo && !desk.event()) seedDemoEvent(desk);
  const replication = await LanReplication.start(desk);
  serveRenderer(options.rendererDir);
  installPermissionPolicy();
  const win = createHardenedWindow(options.preload, { kiosk: options.kiosk });
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  // Windows logging off or shutting down closes the window; the lock must not hold that up.
  win.on('session-end', () => (quitting = true));
  lockKiosk(win, () => quitting);
  keepRendererAlive(win, HOME);
  const unregister = [registerIpc(desk, win), registerKioskIpc(desk, win)];
  const poll = setInterval(() => desk.refresh(), REFRESH_MS);
  const awake = powerSaveBlocker.start('prevent-display-sleep');
  const backups = new BackupScheduler(desk);
  backups.start();
  const uplink = new UplinkHost(desk);
  uplink.start();
  const audit = startLogAudit({ db: desk.db, deskId: desk.id, now: desk.now });
  void win.loadURL(HOME);

  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // The replication closes its sockets before the database goes away.
    event.preventDefault();
    clearInterval(poll);
    audit.stop();
    for (const off of unregister) off();
    if (powerSaveBlocker.isStarted(awake)) powerSaveBlocker.stop(awake);
    void Promise.allSettled([replication.close(), backups.close(), uplink.close()])
      .finally(() => {
        desk.close();
        closed = true;
        app.quit();
      });
  });
  return win;
}
