import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, rmdirSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { toWireError } from '../../electron/core/api/wire-error';
import { Desk } from '../../electron/core/desk';
import { checkIn, registerWalkIn } from '../../electron/core/services/checkin-service';
import { commitImport } from '../../electron/core/services/import-service';
import { generateParticipants } from '../../electron/core/demo/participants';
import { writeCsv } from '../../electron/core/demo/messy-workbook';
import type { LoketError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { openEventDesk, person } from '../helpers/desk-fixture';

/** A real small filesystem needs root (CI runs as root); elsewhere the test is skipped, saying why. */
function mountTmpfs(ctx: TestContext, sizeKb: number): { dir: string; unmount: () => void } {
  const skip = (why: string) => {
    console.warn(`disk-full test skipped: ${why} (it needs root and mount -t tmpfs)`);
    return ctx.skip(why);
  };
  if (process.platform !== 'linux') return skip('not Linux');
  if (process.getuid?.() !== 0) return skip('not running as root');
  const dir = mkdtempSync(join(tmpdir(), 'loket-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmdirSync(dir);
    return skip(`mount failed: ${(error as Error).message.split('\n')[0]}`);
  }
  return {
    dir,
    unmount: () => {
      // Lazy: a handle a failing assertion left open must not leave the mount behind.
      execFileSync('umount', ['-l', dir]);
      rmdirSync(dir);
    },
  };
}

/** Leave only `leaveBytes` free on the filesystem, in one file the test can delete later. */
function fill(dir: string, leaveBytes: number): string {
  const file = join(dir, 'filler');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) {
      const { bavail, bsize } = statfsSync(dir);
      const free = bavail * bsize - leaveBytes;
      if (free <= 0) break;
      writeSync(fd, chunk, 0, Math.min(chunk.length, free));
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

describe('a full disk', () => {
  it('refuses with a clear message and loses no confirmed check-in', (ctx) => {
    const mount = mountTmpfs(ctx, 4096);
    const opened: Desk[] = [];
    try {
      const dir = join(mount.dir, 'desk');
      const people = Array.from({ length: 50 }, (_, i) => person({ nib: String(6301000000000 + i), name: `Peserta ${i}` }));
      const desk = openEventDesk(dir, people);
      opened.push(desk);
      // About a hundred commits of room: the WAL grows by a few pages per confirmed action.
      const filler = fill(mount.dir, 1024 * 1024);

      const confirmed: string[] = [];
      let failure: unknown = null;
      for (let i = 0; i < 20_000 && failure === null; i++) {
        try {
          const nib = String(6372000000000 + i);
          const outcome =
            i % 2 === 0 && i / 2 < people.length
              ? checkIn(desk, { nib: people[i / 2]!.nib! })
              : registerWalkIn(desk, { nib, name: `Pendatang ${i} ${'x'.repeat(150)}`, business: 'y'.repeat(150), phone: undefined, regency: '63.72', district: '', address: 'z'.repeat(300), productType: '', productName: '' });
          expect(outcome.status).toBe('checked_in');
          confirmed.push(outcome.participant.id);
        } catch (error) {
          failure = error;
        }
      }
      const wire = toWireError(failure);
      expect(wire, String(failure)).toMatchObject({ code: 'disk_full' });
      const walkIns = confirmed.filter((id) => desk.view.get(id)?.walkIn);
      expect(walkIns.length).toBeGreaterThan(5);
      expect(confirmed.length - walkIns.length).toBeGreaterThan(5);
      expect(wire.code).toBe('disk_full');
      expect(t('id', `error.${wire.code}`)).toMatch(/Penyimpanan penuh.*aman/);
      expect(t('en', `error.${wire.code}`)).toMatch(/disk is full.*safe/);

      // Still full: reads keep working, and the next write fails the same way rather than half-writing.
      expect(desk.view.get(confirmed.at(-1)!)?.checkins.length).toBeGreaterThan(0);
      expect(() => registerWalkIn(desk, { nib: '6372999999999', name: 'Sesudah Penuh', business: 'b'.repeat(200), phone: undefined, regency: '63.72', district: '', address: 'a'.repeat(400), productType: '', productName: '' })).toThrow();
      desk.close();

      // Space is freed (the organizer empties the disk): every confirmed check-in is there after a reopen.
      rmSync(filler);
      const reopened = Desk.open(dir);
      opened.push(reopened);
      const missing = confirmed.filter((id) => !(reopened.view.get(id)?.checkins.length ?? 0));
      expect(missing).toEqual([]);
      expect(reopened.view.byNibValue('6372999999999')).toBeUndefined();
      // …and the desk records again.
      expect(registerWalkIn(reopened, { nib: '6372999999998', name: 'Setelah Dikosongkan', business: '', phone: undefined, regency: '63.72', district: '', address: '', productType: '', productName: '' }).status).toBe('checked_in');
    } finally {
      for (const d of opened) if (d.db.open) d.close();
      mount.unmount();
    }
  });

  it('stops an import that runs out of room with how far it got and why, and finishes it when the same file is imported again', async (ctx) => {
    const mount = mountTmpfs(ctx, 64 * 1024);
    const opened: Desk[] = [];
    try {
      const dir = join(mount.dir, 'desk');
      const desk = openEventDesk(dir, [person()]);
      opened.push(desk);
      const people = generateParticipants(20_000, 31);
      const input = { fileName: 'daftar.csv', content: writeCsv(people, { separator: ';', encoding: 'utf-8', bom: true }) };
      // Room for part of the list: each participant takes a few kilobytes of log, table and WAL.
      const filler = fill(mount.dir, 8 * 1024 * 1024);

      const stopped = (await commitImport(desk, input).catch((error: unknown) => error)) as LoketError;
      expect(stopped.code, String(stopped)).toBe('import_interrupted');
      const done = Number(stopped.params.done);
      expect(done).toBeGreaterThan(0);
      expect(done).toBeLessThan(people.length);
      expect(t('id', 'error.import_interrupted', stopped.params)).toMatch(/yang sudah tersimpan aman\. Impor berkas yang sama sekali lagi .* Sebab: Penyimpanan penuh/);
      // The cause comes in the desk's language (Bahasa Indonesia here), as the screens show it.
      expect(t('en', 'error.import_interrupted', stopped.params)).toMatch(/what was saved is safe\. Import the same file again .* Cause: Penyimpanan penuh/);
      expect(desk.view.size).toBe(1 + done);

      // The organizer makes room and imports the same file again: the rest, and nobody twice.
      rmSync(filler);
      const again = await commitImport(desk, input);
      expect(again).toMatchObject({ imported: people.length - done, unchanged: done });
      const imported = [...desk.store.all()].filter((e) => e.type === 'participant.imported').map((e) => (e.body as { id: string }).id);
      expect(imported).toHaveLength(1 + people.length);
      expect(new Set(imported).size).toBe(1 + people.length);
    } finally {
      for (const d of opened) if (d.db.open) d.close();
      mount.unmount();
    }
  });
});
