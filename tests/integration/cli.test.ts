import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** Stands for a fresh data folder in REFUSED_VALUES. */
const DIR = '<dir>';
const LAYOUTS = 'a6, cr80, thermal58, thermal80, a4';
const ZOD_ENGLISH = /Invalid (string|option|input)|expected |Too (big|small)|must match pattern/;

/**
 * An option value of each kind every command checks: [arguments, the option named, what it takes in
 * Bahasa Indonesia, in English, environment]. The PIN is no option (ps would show it): named by what it is.
 */
const REFUSED_VALUES: [string[], string, string, string, NodeJS.ProcessEnv?][] = [
  [['init', '--data', DIR, '--name', 'X', '--date', '21/05/2024'], '--date', 'harus tanggal dalam bentuk TTTT-BB-HH, misalnya 2024-05-21, bukan "21/05/2024"', 'must be a date as YYYY-MM-DD, e.g. 2024-05-21, not "21/05/2024"'],
  [['init', '--data', DIR, '--demo', '--date', '2024-5-21'], '--date', 'harus tanggal dalam bentuk TTTT-BB-HH, misalnya 2024-05-21, bukan "2024-5-21"', 'must be a date as YYYY-MM-DD, e.g. 2024-05-21, not "2024-5-21"'],
  [['init', '--data', DIR, '--name', 'X', '--date', '2024-02-30'], '--date', 'harus tanggal dalam bentuk TTTT-BB-HH, misalnya 2024-05-21, bukan "2024-02-30"', 'must be a date as YYYY-MM-DD, e.g. 2024-05-21, not "2024-02-30"'],
  [['init', '--data', DIR, '--name', ' \u200b ', '--date', '2024-05-21'], '--name', 'tidak boleh kosong', 'must not be empty'],
  [['init', '--data', DIR, '--name', 'N'.repeat(201), '--date', '2024-05-21'], '--name', 'boleh paling banyak 200 karakter', 'takes at most 200 characters'],
  [['init', '--data', DIR, '--name', 'X', '--date', '2024-05-21', '--venue', 'V'.repeat(201)], '--venue', 'boleh paling banyak 200 karakter', 'takes at most 200 characters'],
  [['init', '--data', DIR, '--name', 'X', '--date', '2024-05-21', '--desk-name', '  '], '--desk-name', 'tidak boleh kosong', 'must not be empty'],
  [['init', '--data', DIR, '--name', 'X', '--date', '2024-05-21'], '', 'PIN panitia harus 8–12 angka.', 'The organizer PIN must have 8–12 digits.', { LOKET_PIN: '1234567' }],
  [['checkin', '--data', DIR, '--nib', '62169551583'], '--nib', 'harus NIB 13 angka, bukan "62169551583"', 'must be an NIB of 13 digits, not "62169551583"'],
  [['checkin', '--data', DIR, '--qr', 'Q'.repeat(401)], '--qr', 'boleh paling banyak 400 karakter', 'takes at most 400 characters'],
  [['handover', '--data', DIR, '--nib', '6216955158389x', '--cert', 'ID63110000000000101'], '--nib', 'harus NIB 13 angka, bukan "6216955158389x"', 'must be an NIB of 13 digits, not "6216955158389x"'],
  [['handover', '--data', DIR, '--nib', '6216955158389', '--cert', ' '], '--cert', 'tidak boleh kosong', 'must not be empty'],
  [['handover', '--data', DIR, '--nib', '6216955158389', '--cert', 'ID1', '--representative', 'R'.repeat(201)], '--representative', 'boleh paling banyak 200 karakter', 'takes at most 200 characters'],
  [['badges', '--data', DIR, '--out', 'x.pdf', '--regency', '6372'], '--regency', 'harus kode kabupaten/kota seperti 63.72, bukan "6372"', 'must be a regency code such as 63.72, not "6372"'],
  [['badges', '--data', DIR, '--out', 'x.pdf', '--layout', 'a5'], '--layout', `harus salah satu dari ${LAYOUTS}, bukan "a5"`, `must be one of ${LAYOUTS}, not "a5"`],
  [['invitations', '--data', DIR, '--out', DIR, '--regency', '63.7'], '--regency', 'harus kode kabupaten/kota seperti 63.72, bukan "63.7"', 'must be a regency code such as 63.72, not "63.7"'],
  [['backup', '--data', DIR, '--keep', '0'], '--keep', 'harus bilangan bulat positif, bukan "0"', 'must be a positive whole number, not "0"'],
  [['demo-workbook', '--out', 'x.xlsx', '--count', '0'], '--count', 'harus 1–200000', 'must be 1–200000'],
  [['demo-workbook', '--out', 'x.xlsx', '--seed', '1.5'], '--seed', 'harus bilangan bulat', 'must be a whole number'],
  [['serve', '--data', DIR, '--port', '70000'], '--port', 'harus 0–65535, bukan "70000"', 'must be 0–65535, not "70000"'],
  [['export', '--data', DIR, '--out', DIR, '--separator', '|'], '--separator', 'harus \';\' atau \',\', bukan "|"', 'must be \';\' or \',\', not "|"'],
];

describe('loket CLI', () => {
  beforeAll(requireBuild);

  it('says what is wrong with bad arguments, in Bahasa Indonesia unless --lang en, and exits non-zero', async () => {
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('loket init');
    expect(none.stdout).toMatch(/^cara pakai:/);
    expect((await runCli(['--help', '--lang', 'en'])).stdout).toMatch(/^usage:[^]*every command takes --json/);
    const unknown = await runCli(['fly', '--data', tempDir()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('perintah "fly" tidak dikenal');
    expect((await runCli(['fly', '--lang=en'])).stderr).toContain('unknown command "fly"');
    const badOption = await runCli(['status', '--data', tempDir(), '--colour']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('opsi --colour tidak dikenal');
    expect((await runCli(['status', '--data', tempDir(), '--colour', '--lang', 'en'])).stderr).toContain('unknown option --colour');
    expect((await runCli(['status', '--data'])).stderr).toContain('opsi --data perlu nilai');
    expect((await runCli(['import', '--data', tempDir(), '--dry-run=yes', 'x.xlsx', '--lang', 'en'])).stderr).toContain('option --dry-run takes no value');
    expect((await runCli(['status', '--data', tempDir(), 'extra'])).stderr).toContain('argumen tidak terduga: extra');
    expect((await runCli(['checkin', '--nib', '0123456789012'])).stderr).toContain('--data wajib diisi');
    expect((await runCli(['checkin', '--nib', '0123456789012', '--lang', 'en'])).stderr).toContain('--data is required');
    expect((await runCli(['export', '--data', tempDir(), '--out', tempDir(), '--separator', '|', '--json'])).json).toMatchObject({
      error: { code: 'usage', message: '--separator harus \';\' atau \',\', bukan "|"' },
    });
  });

  for (const [args, option, id, en, env = {}] of REFUSED_VALUES) {
    it(`${args.filter((a) => a === args[0] || a === '--demo').join(' ')}: refuses a bad ${option || 'LOKET_PIN'} as a usage mistake that names it and says what it takes, in both languages`, async () => {
      const withDirs = (lang: string[]) => [...args.map((a) => (a === DIR ? tempDir() : a)), '--json', ...lang];
      const [indonesian, english] = await Promise.all([runCli(withDirs([]), env), runCli(withDirs(['--lang', 'en']), env)]);
      for (const [run, words] of [[indonesian, id], [english, en]] as const) {
        expect(run.code, run.stderr).toBe(2);
        expect(run.json).toEqual({ error: { code: 'usage', message: `${option}${option && ' '}${words}` } });
        expect(run.stderr.split('\n')[0]).toBe(`loket: ${option}${option && ' '}${words}`);
        expect(run.stderr).not.toMatch(ZOD_ENGLISH);
      }
    });
  }

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
    // The operator typed it: the refusal names the NIB, in either language.
    expect((await runCli(['checkin', '--data', dir, '--nib', '0000 0000 00000'])).stderr).toBe('loket: Tidak ada peserta dengan NIB 0000000000000 di meja ini.\n');
    expect((await runCli(['handover', '--data', dir, '--nib', '0000000000000', '--cert', 'ID63110000000000101', '--lang', 'en'])).stderr).toContain(
      'No participant with NIB 0000000000000 on this desk.',
    );

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

  it('says what an import would do on a dry run, and counts the unchanged rows', async () => {
    const dir = tempDir();
    await runCli(['init', '--data', dir, '--name', 'X', '--date', '2024-05-21']);
    const list = join(dir, 'peserta.csv');
    writeFileSync(list, 'NIB;Nama;Nama Usaha;Kab/Kota\n6216955158389;Siti Aminah;Dapur Siti;Tanah Laut\n0123456789012;Rahmah;Wadai Rahmah;Banjarbaru\n');
    const dry = await runCli(['import', '--data', dir, list, '--dry-run']);
    expect(dry.stdout).toBe('uji coba, belum ada yang disimpan. Baris 2: akan diimpor 2, akan diperbarui 0, tidak berubah 0, galat 0, peringatan 0\n');
    expect((await runCli(['import', '--data', dir, list, '--dry-run', '--lang', 'en'])).stdout).toContain('dry run, nothing saved. Rows 2: would import 2, would update 0, unchanged 0');
    expect((await runCli(['import', '--data', dir, list])).stdout).toBe('baris 2: diimpor 2, diperbarui 0, tidak berubah 0, galat 0, peringatan 0\n');
    expect((await runCli(['import', '--data', dir, list, '--lang', 'en'])).stdout).toBe('rows 2: imported 0, updated 0, unchanged 2, errors 0, warnings 0\n');
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
