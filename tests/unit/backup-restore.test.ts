import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupNow } from '../../electron/core/backup/backup-file';
import { BackupScheduler } from '../../electron/core/backup/backup-scheduler';
import { backupState, setBackupSettings } from '../../electron/core/backup/backup-settings';
import { restoreBackup } from '../../electron/core/backup/restore';
import { Desk } from '../../electron/core/desk';
import { checkIn } from '../../electron/core/services/checkin-service';
import { commitImport } from '../../electron/core/services/import-service';
import { LoketError } from '../../shared/errors';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const START = Date.UTC(2024, 4, 21, 1, 0, 0);

function people(n: number) {
  return Array.from({ length: n }, (_, i) => person({ nib: String(6300000000000 + i), name: `Peserta ${i}` }));
}

function clock() {
  let t = START;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** Send each desk what the other lacks, by version vectors, until both are quiet: the sync's contract, without the network. */
function exchange(a: Desk, b: Desk): { conflicts: number } {
  let conflicts = 0;
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const theirs = to.store.vector();
    for (const [desk, seq] of Object.entries(from.store.vector())) {
      if (seq <= (theirs[desk] ?? 0)) continue;
      conflicts += to.store.ingest(from.store.eventsAfter(desk, theirs[desk] ?? 0, 100_000)).conflicts.length;
    }
  }
  return { conflicts };
}

function present(desk: Desk): number {
  return [...desk.view.all()].filter((p) => p.checkins.length > 0).length;
}

describe('backups', () => {
  it('writes an online backup with a WITA timestamp, readable and equal to the desk, keeping the last N', async () => {
    const c = clock();
    const folder = tempDir();
    const desk = openEventDesk(tempDir(), people(20), { now: c.now });
    setBackupSettings(desk, { folder, keep: 3 });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      checkIn(desk, { nib: String(6300000000000 + i) });
      const outcome = await backupNow(desk, 'auto');
      if (outcome instanceof LoketError) throw outcome;
      made.push(outcome.file);
      c.advance(60_000);
    }
    // 01:00 UTC is 09:00 WITA.
    expect(made[0]).toMatch(new RegExp(`loket-${desk.id.slice(0, 6)}-20240521-090000-auto\\.db$`));
    const files = readdirSync(folder).sort();
    expect(files).toEqual(made.slice(2).map((f) => f.slice(folder.length + 1)));
    const copy = new Database(made.at(-1)!, { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM events').pluck().get()).toBe(desk.store.count());
    expect(copy.prepare('SELECT count(*) FROM participants WHERE present = 1').pluck().get()).toBe(5);
    copy.close();
    desk.close();
  });

  it('records a failed backup (stick pulled) for the organizer and keeps the desk recording', async () => {
    const folder = join(tempDir(), 'usb');
    const desk = openEventDesk(tempDir(), people(5));
    setBackupSettings(desk, { folder });
    const failed = await backupNow(desk, 'auto');
    expect(failed).toBeInstanceOf(LoketError);
    expect((failed as LoketError).code).toBe('backup_failed');
    expect(backupState(desk).error?.detail).toBe('ENOENT');
    expect(checkIn(desk, { nib: '6300000000001' }).status).toBe('checked_in');

    // The stick is back: the next backup succeeds and clears the warning.
    mkdirSync(folder);
    const ok = await backupNow(desk, 'auto');
    expect(ok).not.toBeInstanceOf(LoketError);
    expect(backupState(desk).error).toBeNull();
    expect(readdirSync(folder).filter((f) => f.endsWith('.partial'))).toEqual([]);
    desk.close();
  });

  it('backs up automatically only after the interval and only when something changed', async () => {
    const c = clock();
    const folder = tempDir();
    const desk = openEventDesk(tempDir(), people(5), { now: c.now });
    setBackupSettings(desk, { folder, intervalMin: 5 });
    const scheduler = new BackupScheduler(desk);
    await scheduler.tick();
    expect(readdirSync(folder)).toHaveLength(1);

    c.advance(10 * 60_000);
    await scheduler.tick();
    expect(readdirSync(folder)).toHaveLength(1); // nothing changed

    checkIn(desk, { nib: '6300000000002' });
    c.advance(60_000);
    await scheduler.tick();
    expect(readdirSync(folder)).toHaveLength(2); // changed, 11 minutes after the last backup

    checkIn(desk, { nib: '6300000000003' });
    c.advance(60_000);
    await scheduler.tick();
    expect(readdirSync(folder)).toHaveLength(2); // changed, but only a minute after the last backup
    c.advance(4 * 60_000);
    await scheduler.tick();
    expect(readdirSync(folder)).toHaveLength(3);

    await scheduler.close();
    desk.close();
  });

  it('takes a backup before an import, holding the state before it', async () => {
    const folder = tempDir();
    const desk = openEventDesk(tempDir());
    setBackupSettings(desk, { folder });
    const csv = 'NIB;Nama;Nama Usaha;Kabupaten/Kota\n6300000000001;Siti Aminah;Kue Basah;Tanah Laut\n';
    const result = await commitImport(desk, { fileName: 'daftar.csv', content: Buffer.from(csv) });
    expect(result.imported).toBe(1);
    const [file] = readdirSync(folder);
    expect(file).toMatch(/-import\.db$/);
    const copy = new Database(join(folder, file!), { readonly: true });
    expect(copy.prepare('SELECT count(*) FROM participants').pluck().get()).toBe(0);
    copy.close();
    desk.close();
  });
});

describe('restore', () => {
  it('joins under a new desk ID, keeps the old desk’s events, and converges with the others', async () => {
    const folder = tempDir();
    const aDir = tempDir();
    const a = openEventDesk(aDir, people(40));
    const b = Desk.open(tempDir());
    // B joined the event: it holds the secret and A's log.
    b.setMeta('event_secret', a.secret);
    exchange(a, b);
    for (let i = 0; i < 10; i++) checkIn(a, { nib: String(6300000000000 + i) });
    setBackupSettings(a, { folder });
    const backup = await backupNow(a, 'manual');
    if (backup instanceof LoketError) throw backup;
    // After the backup A records more and sends it to B, then A's disk dies.
    for (let i = 10; i < 15; i++) checkIn(a, { nib: String(6300000000000 + i) });
    exchange(a, b);
    const oldId = a.id;
    const oldSeq = a.store.vector()[oldId]!;
    a.close();
    rmSync(join(aDir, 'loket.db'));

    const outcome = restoreBackup(aDir, backup.file);
    expect(outcome.fromDesk).toBe(oldId);
    expect(outcome.deskId).not.toBe(oldId);
    expect(outcome.fromSeq).toBeLessThan(oldSeq);

    const r = Desk.open(aDir);
    expect(r.id).toBe(outcome.deskId);
    expect(r.store.vector()[oldId]).toBe(outcome.fromSeq);
    expect(present(r)).toBe(10);
    // The restored desk records under its new ID, from seq 1 (desk.restored, desk.named, then this).
    r.setMeta('operator', 'Rina');
    checkIn(r, { nib: '6300000000030' });
    expect(r.store.vector()[r.id]).toBe(3);
    const restoredEvent = r.store.eventsAfter(r.id, 0, 1)[0]!;
    expect(restoredEvent).toMatchObject({ type: 'desk.restored', body: { fromDesk: oldId, fromSeq: outcome.fromSeq } });

    expect(exchange(r, b).conflicts).toBe(0);
    expect(r.store.digest()).toBe(b.store.digest());
    r.refresh();
    b.refresh();
    expect(present(r)).toBe(16);
    expect(present(b)).toBe(16);
    expect(r.store.vector()[oldId]).toBe(oldSeq);
    r.close();
    b.close();
  });

  it('refuses a damaged backup and leaves the current database in place', () => {
    const dir = tempDir();
    const desk = openEventDesk(dir, people(3));
    const id = desk.id;
    desk.close();
    const bad = join(tempDir(), 'loket-xxxxxx-20240521-090000-auto.db');
    writeFileSync(bad, Buffer.alloc(8192, 0x41));
    expect(() => restoreBackup(dir, bad)).toThrow(expect.objectContaining({ code: 'backup_invalid' }));
    expect(existsSync(join(dir, 'loket.db.restoring'))).toBe(false);
    const again = Desk.open(dir);
    expect(again.id).toBe(id);
    again.close();
  });

  it.skipIf(process.platform === 'win32')('makes a data folder for this user only, opened or restored into: the database holds names and the event secret', async () => {
    const opened = join(tempDir(), 'desk');
    const desk = openEventDesk(opened, people(1));
    setBackupSettings(desk, { folder: tempDir() });
    const backup = await backupNow(desk, 'manual');
    if (backup instanceof LoketError) throw backup;
    desk.close();
    const restored = join(tempDir(), 'restored', 'desk');
    restoreBackup(restored, backup.file);
    for (const dir of [opened, restored, dirname(restored)]) expect(statSync(dir).mode & 0o777, dir).toBe(0o700);
  });

  it('sets the damaged database aside instead of deleting it', async () => {
    const folder = tempDir();
    const dir = tempDir();
    const desk = openEventDesk(dir, people(3));
    setBackupSettings(desk, { folder });
    const backup = await backupNow(desk, 'manual');
    if (backup instanceof LoketError) throw backup;
    desk.close();
    const outcome = restoreBackup(dir, backup.file);
    expect(outcome.setAside).not.toBeNull();
    expect(existsSync(outcome.setAside!)).toBe(true);
  });
});
