import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { handlers } from '../../electron/core/api/handlers';
import { parseInput } from '../../electron/core/api/dispatch';
import { bastPdf } from '../../electron/core/export/documents/bast-pdf';
import { exportDay } from '../../electron/core/export/export-day';
import { collectReport } from '../../electron/core/export/report-data';
import { unlockOrganizer } from '../../electron/core/services/event-service';
import { LoketError } from '../../shared/errors';
import { openEventDesk, PIN, SESSION } from '../helpers/desk-fixture';
import { exportDay as makeDay, merge } from '../helpers/export-fixture';
import { pdfText } from '../helpers/pdf';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const KEPALA = { name: 'Dr. H. Ahmad Fauzi, M.Si', nip: '197001011995031001', position: 'Kepala Dinas KUKM Prov. Kalsel' };
const SAKSI = { name: 'Siti Rahmah, S.E.', nip: '198205122006042003', position: 'Kepala Bidang UMKM' };

const call = <M extends 'reportSettings' | 'setReportSettings'>(desk: Parameters<(typeof handlers)[M]>[0], method: M, input: unknown) =>
  handlers[method](desk, parseInput(method, input) as never, SESSION);

describe('report settings', () => {
  it('are for the organizer only', () => {
    const desk = openEventDesk(tempDir());
    expect(() => call(desk, 'setReportSettings', { signatories: [KEPALA] })).toThrow(expect.objectContaining({ code: 'organizer_locked' }));
    expect(desk.event()!.signatories).toBeUndefined();
    desk.close();
  });

  it('record the signatories as event configuration that every desk applies and the Berita Acara prints', async () => {
    const { a, b } = await makeDay(tempDir);
    await unlockOrganizer(a, PIN, SESSION);
    const before = a.store.count();
    const out = call(a, 'setReportSettings', { signatories: [KEPALA, SAKSI] }) as Awaited<ReturnType<(typeof handlers)['setReportSettings']>>;
    expect(out.signatories).toEqual([KEPALA, SAKSI]);
    expect(a.store.count()).toBe(before + 1);
    // Saving the same list again is not a new event.
    call(a, 'setReportSettings', { signatories: [KEPALA, SAKSI] });
    expect(a.store.count()).toBe(before + 1);

    merge(a, b);
    expect(b.event()!.signatories).toEqual([KEPALA, SAKSI]);
    expect(b.event()!.pin).toEqual(a.event()!.pin);
    const bast = pdfText(await bastPdf(collectReport(b), new Date(0)));
    expect(bast).toContain(KEPALA.name);
    expect(bast).toContain(KEPALA.nip);
    expect(bast).toContain(SAKSI.position);
    a.close();
    b.close();
  });

  it('keep a broken template out and the saved one in force for the export, until reset', async () => {
    const desk = openEventDesk(tempDir());
    await unlockOrganizer(desk, PIN, SESSION);
    const broken = '{"sheet":"X","file":"x.csv","columns":[{"header":"Gaji","field":"salary"}]}';
    expect(() => call(desk, 'setReportSettings', { template: broken })).toThrow(LoketError);
    expect(() => call(desk, 'setReportSettings', { template: '{"sheet": ' })).toThrow(expect.objectContaining({ code: 'template_invalid' }));
    expect((call(desk, 'reportSettings', {}) as { customTemplate: boolean }).customTemplate).toBe(false);

    const ministry = JSON.stringify({ sheet: 'Data PU', file: 'data-pu.csv', columns: [{ header: 'NIB PU', field: 'nib' }, { header: 'KBLI', field: null }] });
    const saved = call(desk, 'setReportSettings', { template: ministry }) as { customTemplate: boolean; columns: string[] };
    expect(saved).toMatchObject({ customTemplate: true, columns: ['NIB PU', 'KBLI'] });

    const out = await exportDay(desk, { folder: join(tempDir(), 'out'), pdf: false });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(out.folder, 'laporan-harian.xlsx')) as unknown as ArrayBuffer);
    expect((workbook.getWorksheet('Data PU')!.getRow(1).values as unknown[]).slice(1)).toEqual(['NIB PU', 'KBLI']);

    const reset = call(desk, 'setReportSettings', { template: null }) as { customTemplate: boolean; columns: string[] };
    expect(reset.customTemplate).toBe(false);
    expect(reset.columns).not.toContain('NIB PU');
    desk.close();
  });

  it('refuse a template that names another report file or sheet, when saved and when given to one export', async () => {
    const desk = openEventDesk(tempDir());
    await unlockOrganizer(desk, PIN, SESSION);
    const template = (sheet: string, file: string) => JSON.stringify({ sheet, file, columns: [{ header: 'Nama', field: 'name' }] });
    for (const [sheet, file] of [['Peserta', 'rekap.csv'], ['Peserta', 'Daftar-Hadir.csv'], ['log', 'peserta.csv'], ['Serah Terima', 'x.csv']]) {
      expect(() => call(desk, 'setReportSettings', { template: template(sheet!, file!) }), `${sheet} ${file}`).toThrow(expect.objectContaining({ code: 'template_name_taken' }));
    }
    expect((call(desk, 'reportSettings', {}) as { customTemplate: boolean }).customTemplate).toBe(false);

    const file = join(tempDir(), 'templat.json');
    writeFileSync(file, template('Peserta', 'rekap.csv'));
    const folder = join(tempDir(), 'out');
    await expect(exportDay(desk, { folder, pdf: false, templateFile: file })).rejects.toMatchObject({ code: 'template_name_taken', params: { file: 'rekap.csv' } });
    expect(existsSync(folder)).toBe(false);

    // A name of its own exports, and every name in the manifest is there once.
    writeFileSync(file, template('Peserta', 'peserta-dinas.csv'));
    await exportDay(desk, { folder, pdf: false, templateFile: file });
    const names = (JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { files: { name: string }[] }).files.map((f) => f.name.toLowerCase());
    expect(names).toContain('peserta-dinas.csv');
    expect(new Set(names).size).toBe(names.length);
    desk.close();
  });
});
