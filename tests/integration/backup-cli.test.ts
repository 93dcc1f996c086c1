import { closeSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { checkIn } from '../../electron/core/services/checkin-service';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('loket backup / restore / check', () => {
  beforeAll(requireBuild);

  it('backs up, refuses the damaged database with the way out, and restores under a new desk ID', async () => {
    const dir = tempDir();
    const usb = tempDir();
    const people = Array.from({ length: 200 }, (_, i) => person({ nib: String(6301000000000 + i), name: `Peserta ${i}` }));
    const desk = openEventDesk(dir, people);
    for (const p of people.slice(0, 40)) checkIn(desk, { nib: p.nib! });
    const oldId = desk.id;
    desk.close();

    const backup = await runCli(['backup', '--data', dir, '--to', usb, '--json']);
    expect(backup.code).toBe(0);
    const [file] = readdirSync(usb);
    expect(file).toMatch(/^loket-[a-z2-7]{6}-\d{8}-\d{6}-manual\.db$/);
    expect((backup.json as { file: string }).file).toBe(join(usb, file!));

    expect((await runCli(['check', '--data', dir])).code).toBe(0);
    const db = join(dir, 'loket.db');
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(16_384, 0x5a), 0, 16_384, Math.floor(statSync(db).size / 2));
    closeSync(fd);
    const check = await runCli(['check', '--data', dir]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain('Basis data meja ini rusak');
    expect(check.stderr).toContain(`loket restore --data ${dir} --from`);
    const english = await runCli(['check', '--data', dir, '--lang', 'en']);
    expect(english.stderr).toContain("This desk's database is damaged");

    const restore = await runCli(['restore', '--data', dir, '--from', join(usb, file!), '--json']);
    expect(restore.code).toBe(0);
    const outcome = restore.json as { deskId: string; fromDesk: string; setAside: string };
    expect(outcome.fromDesk).toBe(oldId);
    expect(outcome.deskId).not.toBe(oldId);
    expect(readdirSync(dir).some((f) => f.startsWith('loket.db.before-restore-'))).toBe(true);

    const restored = Desk.open(dir);
    expect(restored.id).toBe(outcome.deskId);
    expect([...restored.view.all()].filter((p) => p.checkins.length > 0)).toHaveLength(40);
    restored.close();
  });

  it('refuses a backup to a folder that is not there, and says where', async () => {
    const dir = tempDir();
    openEventDesk(dir).close();
    const run = await runCli(['backup', '--data', dir, '--to', join(dir, 'no-such-stick')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no-such-stick');
    expect(run.stderr).toMatch(/Cadangan gagal ditulis/);
  });
});
