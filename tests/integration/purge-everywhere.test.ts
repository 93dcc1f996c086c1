import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backupNow, writeBackup } from '../../electron/core/backup/backup-file';
import { setBackupSettings } from '../../electron/core/backup/backup-settings';
import { restoreBackup } from '../../electron/core/backup/restore';
import { Desk } from '../../electron/core/desk';
import { startServer, type RunningServer } from '../../electron/core/server/http-server';
import { checkIn, registerWalkIn } from '../../electron/core/services/checkin-service';
import { signIn } from '../../electron/core/services/event-service';
import { projectRoot, requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { openEventDesk, person, PIN } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const people = [
  person({ nib: '6301000000001', name: 'Muhammad Rizky Ansyari', phone: '+6281349001122', business: 'Keripik Tempe Rizky' }),
  person({ nib: '6301000000002', name: 'Siti Norhidayah', phone: '+6281349003344', business: 'Dodol Kandangan Siti', regency: '63.03' }),
];
const WALK_IN = { name: 'Hj. Salmiah Baderun', phone: '081251234567', nib: '6371999900001', business: 'Amplang Salmiah', regency: '63.72' };
/** Every personal value of the day, as the bytes any file would hold them in (phones without their prefix). */
const SECRETS = [
  ...people.flatMap((p) => [p.name, p.nib!, p.business, p.phone!.slice(3)]),
  WALK_IN.name,
  WALK_IN.nib,
  WALK_IN.business,
  WALK_IN.phone.slice(1),
];
const ENV = { LOKET_PIN: PIN };

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function dayDesk(dir: string): Desk {
  const desk = openEventDesk(dir, people);
  checkIn(desk, { nib: people[0]!.nib! });
  registerWalkIn(desk, { ...WALK_IN, district: '', address: 'Jl. A. Yani km 7', productType: '', productName: 'Amplang' });
  return desk;
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((file) => statSync(file).isFile());
}

/** Which personal values each file still holds, read as bytes: -wal and -shm included. */
function leaks(folders: string[]): string[] {
  const found: string[] = [];
  for (const file of folders.flatMap(filesUnder)) {
    const bytes = readFileSync(file);
    for (const secret of SECRETS) if (bytes.includes(Buffer.from(secret))) found.push(`${file}: ${secret}`);
  }
  return found;
}

describe('a purge', () => {
  beforeAll(requireBuild);

  it('by `loket purge` reaches a desk serving the same folder within a second: search and the exports it makes', async () => {
    const dir = tempDir();
    const desk = dayDesk(dir);
    const server: RunningServer = await startServer({ desk, staticDir: join(projectRoot, 'out/renderer'), port: 0 });
    cleanup.push(() => desk.close(), () => server.close());
    const session = 'serving-page-session-token-01';
    const api = async (method: string, body: object) => {
      const headers = { 'Content-Type': 'application/json', 'X-Loket-Client': '1', 'X-Loket-Session': session };
      const reply = (await (await fetch(`${server.url}api/${method}`, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as { ok: boolean; value: never };
      if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply)}`);
      return reply.value;
    };
    const found = async () => (await Promise.all(['Norhidayah', '6301000000001', 'Dodol Kandangan', '081349001122', 'Salmiah'].map((q) => api('search', { query: q })))).flat();
    expect(await found()).toHaveLength(5);

    expect((await runCli(['export', '--data', dir, '--out', join(tempDir(), 'laporan'), '--no-pdf'])).code).toBe(0);
    expect((await runCli(['purge', '--data', dir, '--json'], ENV)).code).toBe(0);
    const purgedAt = Date.now();
    let left = await found();
    while (left.length > 0 && Date.now() - purgedAt < 1000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      left = await found();
    }
    expect(left).toEqual([]);
    expect(Date.now() - purgedAt).toBeLessThan(1000);

    await api('unlockOrganizer', { pin: PIN });
    const exported = (await api('exportDay', {})) as { folder: string };
    const written = filesUnder(exported.folder);
    expect(written.length).toBeGreaterThan(5);
    expect(leaks([exported.folder])).toEqual([]);
    // The serving desk's own connection, WAL and all: nothing there either (the new export is inside).
    expect(leaks([dir])).toEqual([]);
  });

  it('leaves no name, NIB or phone in any file under the data and backup folders, after a restore, and deletes the bundles it wrote', async () => {
    const dir = tempDir();
    const backups = tempDir();
    const stick = tempDir();
    const bundles = tempDir();
    const desk = dayDesk(dir);
    setBackupSettings(desk, { folder: backups });
    const first = await backupNow(desk, 'manual');
    if (!('file' in first)) throw first;
    await writeBackup(desk, stick, 'manual', 5);
    desk.close();
    const bundle = join(bundles, 'meja-1.loket');
    expect((await runCli(['bundle', 'export', '--data', dir, bundle])).code).toBe(0);

    // Restored from the first backup: the old database is set aside, the old ID's backups stay.
    const restored = restoreBackup(dir, first.file);
    expect(restored.setAside).not.toBeNull();
    const again = Desk.open(dir);
    signIn(again, 'Rina');
    await backupNow(again, 'auto');
    again.close();
    expect(leaks([dir, backups, stick]).length).toBeGreaterThan(0);

    expect((await runCli(['export', '--data', dir, '--out', join(tempDir(), 'laporan'), '--no-pdf'])).code).toBe(0);
    const purge = await runCli(['purge', '--data', dir, '--json'], ENV);
    expect(purge.code).toBe(0);
    expect((purge.json as { copiesRemoved: number }).copiesRemoved).toBeGreaterThanOrEqual(5);

    expect(leaks([dir, backups, stick])).toEqual([]);
    expect(existsSync(bundle)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('before-restore'))).toEqual([]);
    // The purged database itself is what is left, and it still opens with every count.
    const after = Desk.open(dir);
    expect(after.view.size).toBe(3);
    after.close();
  });
});
