import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handlers } from '../../electron/core/api/handlers';
import { Desk } from '../../electron/core/desk';
import { exportDay } from '../../electron/core/export/export-day';
import { unlockOrganizer } from '../../electron/core/services/event-service';
import { SyncRecords } from '../../electron/core/store/sync-records';
import { checkIn } from '../../electron/core/services/checkin-service';
import { LoketError } from '../../shared/errors';
import { PIN, SESSION } from '../helpers/desk-fixture';
import { exportDay as makeDay, INJECTION, SIG } from '../helpers/export-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
afterEach(() => vi.useRealTimers());

async function readWorkbook(folder: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(join(folder, 'laporan-harian.xlsx')) as unknown as ArrayBuffer);
  return workbook;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
const csv = (folder: string, name: string) => readFileSync(join(folder, name), 'utf8');

describe('end-of-day export', () => {
  it('writes the workbook with Indonesian sheets and headers, totals that match the log, and text identifiers', async () => {
    const { a } = await makeDay(tempDir);
    const folder = join(tempDir(), 'out');
    const out = await exportDay(a, { folder, pdf: false });
    expect(out.files.map((f) => f.name)).toEqual(['laporan-harian.xlsx', 'rekap.csv', 'peserta.csv', 'daftar-hadir.csv', 'serah-terima.csv', 'walk-in.csv', 'log.csv', 'konflik.csv']);
    expect(out.complete).toBe(true);

    const workbook = await readWorkbook(folder);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Rekap', 'Peserta', 'Daftar Hadir', 'Serah Terima', 'Walk-in', 'Log', 'Konflik']);
    const rekap = workbook.getWorksheet('Rekap')!;
    expect(rowValues(rekap, 1).slice(0, 6)).toEqual(['Kode', 'Kabupaten/Kota', 'Target/Kuota', 'Terdaftar', 'Hadir', '% Hadir']);
    const total = rowValues(rekap, rekap.rowCount);
    const people = [...a.view.all()];
    const present = people.filter((p) => p.checkins.length > 0).length;
    expect(total[1]).toBe('Jumlah');
    expect(total[3]).toBe(people.length);
    expect(total[4]).toBe(present);
    // SH tersedia, langsung, diwakilkan, belum diserahkan, belum terbit: the conflict counts once, for the kept handover.
    expect(total.slice(6, 11)).toEqual([3, 2, 1, 0, 1]);

    const attendance = workbook.getWorksheet('Daftar Hadir')!;
    expect(rowValues(attendance, 1)).toEqual(['No', 'Nama Pelaku Usaha', 'NIB', 'Nama Usaha', 'Kabupaten/Kota', 'No. HP', 'Waktu Hadir (WITA)', 'Meja', 'Petugas']);
    expect(attendance.rowCount - 1).toBe(present);
    const rusdi = attendance.getRows(2, attendance.rowCount - 1)!.find((r) => r.getCell(2).value === 'Rusdi Kamal')!;
    expect(rusdi.getCell(3).value).toBe('0000000000017');
    expect(rusdi.getCell(3).numFmt).toBe('@');
    expect(rusdi.getCell(6).value).toBe('085100000001');
    expect(rusdi.getCell(7).value).toBeInstanceOf(Date);
    expect(rusdi.getCell(4).value).toBe(`'${INJECTION.hyperlink}`);
    expect(rusdi.getCell(4).type).toBe(ExcelJS.ValueType.String);

    const handovers = workbook.getWorksheet('Serah Terima')!;
    const numbers = handovers.getColumn(2).values.slice(2);
    expect(numbers).toContain('ID63110000474720524');
    expect(numbers.every((v) => typeof v === 'string')).toBe(true);
    const represented = handovers.getRows(2, handovers.rowCount - 1)!.find((r) => r.getCell(2).value === 'ID63110000474720524')!;
    expect([represented.getCell(6).value, represented.getCell(7).value, represented.getCell(8).value]).toEqual(['Ahmad Kamal', 'Ya', 'Anak']);

    const peserta = workbook.getWorksheet('Peserta')!;
    expect(rowValues(peserta, 1)).toContain('Nomor Sertifikat Halal');
    for (const row of peserta.getRows(2, peserta.rowCount - 1)!) {
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    }
    const konflik = workbook.getWorksheet('Konflik')!;
    expect(konflik.rowCount).toBe(2);
    expect(konflik.getRow(2).getCell(5).value).toBe('Diselesaikan');
    expect(workbook.getWorksheet('Walk-in')!.getRow(2).getCell(2).value).toBe('Siti Walk-in');
    a.close();
  });

  it('writes one CSV per sheet, UTF-8 with BOM, semicolons by default, with formulas neutralised', async () => {
    const { a } = await makeDay(tempDir);
    const folder = join(tempDir(), 'out');
    await exportDay(a, { folder, pdf: false });
    const peserta = csv(folder, 'peserta.csv');
    expect(peserta.startsWith('\uFEFFNo;Provinsi;Kode Kab/Kota')).toBe(true);
    expect(peserta).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(peserta).toContain(`;'${INJECTION.sum};`);
    expect(peserta).toContain(`;'${INJECTION.minus};`);
    expect(peserta).toContain(`;'${INJECTION.phoneText};`);
    expect(peserta).toContain(';0000000000017;');
    expect(peserta).not.toMatch(/;[=+\-@]/);
    const rekap = csv(folder, 'rekap.csv');
    expect(rekap).toMatch(/\r\n;Jumlah;/);

    const log = csv(folder, 'log.csv');
    expect(log).toContain('Kehadiran dibatalkan');
    expect(log).toContain('cetak ulang: kartu hilang');
    expect(log).toContain('Konflik diselesaikan');
    const config = a.event()!;
    for (const secret of [SIG, config.pin.hash, config.pin.salt, a.secret]) expect(log).not.toContain(secret);
    expect(log.split('\r\n').length - 2).toBe(a.store.count());

    const comma = join(tempDir(), 'comma');
    await exportDay(a, { folder: comma, separator: ',', pdf: false });
    expect(csv(comma, 'daftar-hadir.csv').split('\r\n')[0]).toBe('\uFEFFNo,Nama Pelaku Usaha,NIB,Nama Usaha,Kabupaten/Kota,No. HP,Waktu Hadir (WITA),Meja,Petugas');
    a.close();
  });

  it('gives byte-identical files, PDFs included, for the same events, whatever the clock says', async () => {
    const { a } = await makeDay(tempDir);
    const first = await exportDay(a, { folder: join(tempDir(), 'one') });
    expect(first.files.filter((f) => f.name.endsWith('.pdf'))).toHaveLength(4);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 86_400_000 + 3_000);
    const second = await exportDay(a, { folder: join(tempDir(), 'two') });
    expect(second.files).toEqual(first.files);
    const manifest = JSON.parse(readFileSync(join(second.folder, 'manifest.json'), 'utf8')) as { files: unknown; eventLog: { digest: string } };
    expect(manifest.files).toEqual(first.files);
    expect(manifest.eventLog.digest).toBe(a.store.digest());
    const sha = createHash('sha256').update(readFileSync(join(second.folder, 'laporan-harian.xlsx'))).digest('hex');
    expect(sha).toBe(first.files[0]!.sha256);
    a.close();
  });

  it('takes the participant sheet columns from a template file', async () => {
    const { a } = await makeDay(tempDir);
    const dir = tempDir();
    const template = join(dir, 'kemenkop.json');
    writeFileSync(template, JSON.stringify({ sheet: 'Data PU', file: 'data-pu.csv', columns: [{ header: 'NIB PU', field: 'nib' }, { header: 'Nama PU', field: 'name' }, { header: 'NIK', field: null }] }));
    const out = await exportDay(a, { folder: join(dir, 'out'), pdf: false, templateFile: template });
    expect(out.files.map((f) => f.name)).toContain('data-pu.csv');
    const workbook = await readWorkbook(out.folder);
    expect(rowValues(workbook.getWorksheet('Data PU')!, 1)).toEqual(['NIB PU', 'Nama PU', 'NIK']);
    writeFileSync(template, JSON.stringify({ sheet: 'X', file: 'x.csv', columns: [{ header: 'Gaji', field: 'salary' }] }));
    await expect(exportDay(a, { folder: join(dir, 'bad'), pdf: false, templateFile: template })).rejects.toSatisfy((e) => e instanceof LoketError && e.code === 'template_invalid');
    a.close();
  });

  it('warns by name when another desk may hold events this export lacks', async () => {
    let now = Date.parse('2024-05-21T01:00:00Z');
    const clock = () => now;
    const { a, b } = await makeDay(tempDir, clock);
    expect((await exportDay(a, { folder: join(tempDir(), 'ok'), pdf: false })).complete).toBe(true);

    checkIn(b, { nib: '9120000000004' });
    now += 30 * 60_000;
    const stale = await exportDay(a, { folder: join(tempDir(), 'stale'), pdf: false });
    expect(stale.complete).toBe(false);
    expect(stale.warnings.join('\n')).toContain('Meja 2');

    const records = new SyncRecords(a.db);
    records.advertise({ [b.id]: b.store.vector()[b.id]! }, now);
    records.flushAdvertised(now);
    const lacking = await exportDay(a, { folder: join(tempDir(), 'lacking'), pdf: false });
    expect(lacking.warnings.join('\n')).toMatch(/Meja 2 \(.{8}\): 1 peristiwa sudah dicatat di meja lain/);
    const manifest = JSON.parse(readFileSync(join(lacking.folder, 'manifest.json'), 'utf8')) as { complete: boolean; warnings: string[]; desks: { desk: string; lacking: number }[] };
    expect(manifest.complete).toBe(false);
    expect(manifest.warnings).toEqual(lacking.warnings);
    expect(manifest.desks.find((d) => d.desk === b.id)!.lacking).toBe(1);
    a.close();
    b.close();
  });
});

describe('exportDay API method', () => {
  it('is for organizers only and writes a new folder under <data>/ekspor with the PDFs', async () => {
    const { a, b } = await makeDay(tempDir);
    const dataDir = a.dataDir;
    a.close();
    b.close();
    const desk = Desk.open(dataDir);
    await expect((async () => handlers.exportDay(desk, {}, SESSION))()).rejects.toSatisfy((e) => e instanceof LoketError && e.code === 'organizer_locked');
    await unlockOrganizer(desk, PIN, SESSION);
    const out = await handlers.exportDay(desk, { separator: ',' }, SESSION);
    expect(out.folder.startsWith(join(dataDir, 'ekspor'))).toBe(true);
    expect(out.complete).toBe(true);
    expect(out.files.map((f) => f.name)).toEqual(expect.arrayContaining(['daftar-hadir.pdf', 'berita-acara-serah-terima.pdf', 'rekap.pdf', 'ringkasan-ekspor.pdf']));
    const manifest = JSON.parse(readFileSync(join(out.folder, 'manifest.json'), 'utf8')) as { files: { name: string; sha256: string }[]; separator: string };
    expect(manifest.separator).toBe(',');
    for (const f of manifest.files) expect(createHash('sha256').update(readFileSync(join(out.folder, f.name))).digest('hex')).toBe(f.sha256);
    desk.close();
  });
});
