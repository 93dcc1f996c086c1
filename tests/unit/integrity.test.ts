import Database from 'better-sqlite3';
import { closeSync, copyFileSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { checkIn } from '../../electron/core/services/checkin-service';
import { LoketError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** A desk folder with a few hundred events, closed (checkpointed) so loket.db holds everything. */
function filledDesk(): { dir: string; deskId: string } {
  const dir = tempDir();
  const people = Array.from({ length: 300 }, (_, i) => person({ nib: String(6300000000000 + i), name: `Peserta ${i}` }));
  const desk = openEventDesk(dir, people);
  for (const p of people.slice(0, 120)) checkIn(desk, { nib: p.nib! });
  const deskId = desk.id;
  desk.close();
  return { dir, deskId };
}

function openError(dir: string): LoketError {
  try {
    Desk.open(dir).close();
  } catch (error) {
    if (error instanceof LoketError) return error;
    throw error;
  }
  throw new Error('the damaged desk opened');
}

/** Overwrite bytes in the middle of the file: the events b-tree lives past the first pages. */
function scribble(file: string, fromFraction: number, length: number): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  const garbage = Buffer.alloc(length, 0xa5);
  writeSync(fd, garbage, 0, length, Math.floor(size * fromFraction));
  closeSync(fd);
}

function raw(dir: string): Database.Database {
  return new Database(join(dir, 'loket.db'));
}

describe('start-up integrity check', () => {
  it('opens a sound desk', () => {
    const { dir } = filledDesk();
    const desk = Desk.open(dir);
    expect(desk.store.count()).toBeGreaterThan(420);
    desk.close();
  });

  it('refuses a file whose pages were overwritten, naming the recovery path in both languages', () => {
    const { dir } = filledDesk();
    scribble(join(dir, 'loket.db'), 0.5, 8192);
    const error = openError(dir);
    expect(error.code).toBe('database_damaged');
    expect(String(error.params.problem)).not.toBe('');
    const id = t('id', 'error.database_damaged', error.params);
    const en = t('en', 'error.database_damaged', error.params);
    expect(id).toContain(`loket restore --data ${dir} --from`);
    expect(id).toMatch(/gabung ke acara/);
    expect(en).toContain('Restore the latest backup');
    expect(en).toMatch(/join the event/);
  });

  it('refuses a file whose header was destroyed', () => {
    const { dir } = filledDesk();
    const fd = openSync(join(dir, 'loket.db'), 'r+');
    writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
    closeSync(fd);
    expect(openError(dir).code).toBe('database_damaged');
  });

  it('finds a missing event that the version vector says is there', () => {
    const { dir, deskId } = filledDesk();
    const db = raw(dir);
    db.exec('DROP TRIGGER events_undeletable');
    db.prepare('DELETE FROM events WHERE desk = ? AND seq = 7').run(deskId);
    db.close();
    const error = openError(dir);
    expect(error.code).toBe('database_damaged');
    expect(error.params.problem).toMatch(/log gap/);
  });

  it('finds an event whose content no longer matches its hash', () => {
    const { dir, deskId } = filledDesk();
    const db = raw(dir);
    db.exec('DROP TRIGGER events_immutable');
    const row = db.prepare("SELECT seq, body FROM events WHERE desk = ? AND type = 'checkin.recorded' ORDER BY seq DESC LIMIT 1").get(deskId) as { seq: number; body: string };
    const forged = row.body.replace(/"via":"\w+"/, '"via":"walkin"');
    expect(forged).not.toBe(row.body);
    db.prepare('UPDATE events SET body = ? WHERE desk = ? AND seq = ?').run(forged, deskId, row.seq);
    db.close();
    expect(openError(dir).params.problem).toMatch(/altered/);
  });

  it('keeps refusing a damaged file rather than writing to it', () => {
    const { dir } = filledDesk();
    scribble(join(dir, 'loket.db'), 0.5, 8192);
    const before = Buffer.alloc(statSync(join(dir, 'loket.db')).size);
    const fd = openSync(join(dir, 'loket.db'), 'r');
    readSync(fd, before, 0, before.length, 0);
    closeSync(fd);
    expect(() => Desk.open(dir)).toThrow(LoketError);
    const after = Buffer.alloc(statSync(join(dir, 'loket.db')).size);
    const fd2 = openSync(join(dir, 'loket.db'), 'r');
    readSync(fd2, after, 0, after.length, 0);
    closeSync(fd2);
    expect(after.equals(before)).toBe(true);
  });

  it('writes neither the file nor its WAL when it refuses a damaged desk that crashed with a hot WAL', () => {
    const { dir } = filledDesk();
    const live = Desk.open(dir);
    live.db.pragma('wal_autocheckpoint = 0');
    for (let i = 120; i < 160; i++) checkIn(live, { nib: String(6300000000000 + i) });
    // Copied while the desk still runs: what a power cut leaves, check-ins only in the WAL.
    const crashed = tempDir();
    for (const name of ['loket.db', 'loket.db-wal', 'loket.db-shm']) copyFileSync(join(dir, name), join(crashed, name));
    live.close();
    const file = join(crashed, 'loket.db');
    scribble(file, 0.3, Math.floor(statSync(file).size * 0.4));
    const before = { db: readFileSync(file), wal: readFileSync(`${file}-wal`) };
    expect(before.wal.length).toBeGreaterThan(32 * 1024);

    expect(openError(crashed).code).toBe('database_damaged');
    expect(readFileSync(file).equals(before.db)).toBe(true);
    expect(readFileSync(`${file}-wal`).equals(before.wal)).toBe(true);
  });
});
