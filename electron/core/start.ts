import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
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
import { UplinkHost } from './uplink/uplink-host';

/**
 * `npm start [-- --data DIR [--demo]]`: the Electron kiosk where an Electron binary exists; otherwise
 * the same UI and core served on loopback and opened in a Chromium/Chrome app window, with the URL
 * printed. Without a folder (`--data` or LOKET_DATA) it is the demo in the default data folder; a
 * folder of one's own is a real desk, starting on the first-run screen, unless `--demo` asks for the demo there.
 */
const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

interface StartOptions {
  /** The folder chosen with --data or LOKET_DATA; null for the default one. */
  dataDir: string | null;
  /** Create the demo event if the folder has no event yet. */
  demo: boolean;
}

function startOptions(argv: string[]): StartOptions {
  try {
    const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, demo: { type: 'boolean' } }, strict: true });
    const chosen = values.data ?? process.env.LOKET_DATA;
    return { dataDir: chosen ? resolve(chosen) : null, demo: Boolean(values.demo) || !chosen };
  } catch (error) {
    process.stderr.write(`Loket: ${(error as Error).message}\nnpm start [-- --data DIR [--demo]]\n`);
    process.exit(2);
  }
}

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

async function fallback(options: StartOptions): Promise<void> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const desk = openOrExplain(dataDir);
  if (options.demo && !desk.event()) seedDemoEvent(desk);
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
  const uplink = new UplinkHost(desk, log);
  uplink.start();
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
  await uplink.close();
  await backups.close();
  await server.close();
  desk.close();
}

const options = startOptions(process.argv.slice(2));
const electron = electronBinary();
if (electron) {
  // The shell takes the folder and the demo choice from the environment (electron/main/index.ts).
  const env = { ...process.env, ...(options.dataDir ? { LOKET_DATA: options.dataDir } : {}), LOKET_DEMO: options.demo ? '1' : '0' };
  spawn(electron, [projectRoot], { stdio: 'inherit', env }).on('exit', (code) => process.exit(code ?? 0));
} else {
  await fallback(options);
}
