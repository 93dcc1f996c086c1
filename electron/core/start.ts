import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LoketError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { BackupScheduler } from './backup/backup-scheduler';
import { Desk } from './desk';
import { seedDemoEvent } from './demo/seed';
import { defaultDataDir, rendererDir } from './paths';
import { findChromium } from './platform/chromium';
import { startServer } from './server/http-server';
import { startLogAudit } from './store/log-audit';
import { DeskSync } from './sync/desk-sync';

/**
 * `npm start`: the Electron kiosk where an Electron binary exists; otherwise the same UI and core
 * served on loopback and opened in a Chromium/Chrome app window, with the URL printed.
 */
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

function electronBinary(): string | null {
  try {
    const pkg = createRequire(import.meta.url).resolve('electron/package.json');
    const dir = dirname(pkg);
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** A damaged database stops the start with the recovery path in both languages, not a stack trace. */
function openOrExplain(dataDir: string): Desk {
  try {
    return Desk.open(dataDir);
  } catch (error) {
    if (!(error instanceof LoketError)) throw error;
    process.stderr.write(`Loket: ${t('id', `error.${error.code}`, error.params)}\n\n${t('en', `error.${error.code}`, error.params)}\n`);
    process.exit(1);
  }
}

async function fallback(): Promise<void> {
  const dataDir = defaultDataDir();
  const desk = openOrExplain(dataDir);
  // A folder of its own (LOKET_DATA) is a real desk: it starts on the first-run screen to create or join an event.
  if (!desk.event() && !process.env.LOKET_DATA) seedDemoEvent(desk);
  const requested = Number(process.env.LOKET_PORT ?? 4317);
  // Dials the desks it joined; on loopback it is reachable by no other laptop (that is `loket serve --host`).
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const sync = new DeskSync({ desk, log });
  const server = await startServer({ desk, staticDir: rendererDir(), port: requested, sync }).catch(() =>
    startServer({ desk, staticDir: rendererDir(), port: 0, sync }),
  );
  sync.start();
  const backups = new BackupScheduler(desk);
  backups.start();
  const audit = startLogAudit({ db: desk.db, deskId: desk.id, now: desk.now, log });
  process.stdout.write(`Loket: ${server.url}\n(data: ${dataDir}; Ctrl+C to stop)\n`);
  const browser = findChromium();
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (browser && hasDisplay) {
    const profile = join(dataDir, 'browser-profile');
    spawn(browser, [`--app=${server.url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking'], {
      stdio: 'ignore',
      detached: true,
    })
      .on('error', () => undefined)
      .unref();
  } else {
    process.stdout.write('Open the address above in a browser (no Chromium/Chrome window could be opened here).\n');
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  audit.stop();
  sync.close();
  await backups.close();
  await server.close();
  desk.close();
}

const electron = electronBinary();
if (electron) {
  spawn(electron, [projectRoot], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
} else {
  await fallback();
}
