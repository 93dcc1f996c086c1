import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('loket CLI', () => {
  beforeAll(requireBuild);

  it('says what is wrong with bad arguments and exits non-zero', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('loket init');
    const unknown = await runCli(['fly', '--data', tempDir()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "fly"');
    const badOption = await runCli(['status', '--data', tempDir(), '--colour']);
    expect(badOption.code).toBe(2);
    expect((await runCli(['checkin', '--nib', '0123456789012'])).stderr).toContain('--data is required');
    const badDate = await runCli(['init', '--data', tempDir(), '--name', 'X', '--date', '21/05/2024', '--json']);
    expect(badDate.code).toBe(1);
    expect(badDate.json).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('creates an event, prints the organizer PIN once, and refuses a second event', async () => {
    const dir = tempDir();
    const init = await runCli(['init', '--data', dir, '--name', 'Fasilitasi Halal', '--date', '2024-05-21', '--json']);
    expect(init.code).toBe(0);
    expect(init.json).toMatchObject({ event: { name: 'Fasilitasi Halal', date: '2024-05-21', timezone: 'Asia/Makassar' } });
    expect((init.json as { pin: string }).pin).toMatch(/^\d{8}$/);
    const again = await runCli(['init', '--data', dir, '--name', 'Lagi', '--date', '2024-05-21']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Acara sudah dibuat');
    const english = await runCli(['init', '--data', dir, '--name', 'Lagi', '--date', '2024-05-21', '--lang', 'en']);
    expect(english.stderr).toContain('already has an event');
  });

  it('checks in by NIB, reports a second arrival, refuses unknown NIBs, and reports status per regency', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--data', dir, '--demo', '--json'])).code).toBe(0);
    const before = (await runCli(['status', '--data', dir, '--json'])).json as {
      participants: number;
      checkedIn: number;
      byRegency: { code: string; participants: number }[];
    };
    expect(before.participants).toBe(1000);
    expect(before.byRegency.map((r) => r.code)).toEqual(['63.01', '63.03', '63.04', '63.05', '63.71', '63.72']);
    const nib = ((await runCli(['checkin', '--data', dir, '--nib', '0000000000000', '--json'])).json as { error: { code: string } }).error;
    expect(nib.code).toBe('participant_not_found');

    const { Desk } = await import('../../electron/core/desk');
    const desk = Desk.open(dir);
    const someone = [...desk.view.all()][0]!;
    desk.close();
    const first = await runCli(['checkin', '--data', dir, '--nib', someone.nib!, '--operator', 'Budi', '--json']);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ status: 'checked_in', participant: { nib: someone.nib, checkin: { operator: 'Budi' } } });
    const second = await runCli(['checkin', '--data', dir, '--nib', someone.nib!, '--json']);
    expect(second.json).toMatchObject({ status: 'already_present' });
    const after = (await runCli(['status', '--data', dir, '--json'])).json as { checkedIn: number; desk: { id: string } };
    expect(after.checkedIn).toBe(1);
    expect(after.desk.id).toMatch(/^[a-z2-7]{26}$/);
  });

  it('refuses a file that is not a spreadsheet without touching the database', async () => {
    const dir = tempDir();
    await runCli(['init', '--data', dir, '--name', 'X', '--date', '2024-05-21'], { LOKET_PIN: '12348765' });
    const junk = join(dir, 'foto.xlsx');
    writeFileSync(junk, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
    const res = await runCli(['import', '--data', dir, junk, '--json']);
    expect(res.code).toBe(1);
    expect(res.json).toMatchObject({ error: { code: 'file_unreadable' } });
    expect(((await runCli(['status', '--data', dir, '--json'])).json as { participants: number }).participants).toBe(0);
  });
});
