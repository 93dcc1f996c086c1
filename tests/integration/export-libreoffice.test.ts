import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDay } from '../../electron/core/export/export-day';
import { readCsv } from '../../electron/core/import/read-csv';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/**
 * What the ministry sees when it opens the export in a spreadsheet app, with LibreOffice Calc
 * headless (one invocation for every file) and the options its CSV dialog offers by default for
 * a semicolon list in UTF-8: separator ";", quote '"', UTF-8, from line 1, every column "Standard".
 */
const CSV_AS_USUAL = 'CSV:59,34,76,1';
// Written back as CSV, every sheet (token 12: -1), each cell as shown.
const WRITE_CSV = 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1';

function openedByCalc(files: string[]): string {
  const out = tempDir();
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, `--infilter=${CSV_AS_USUAL}`, '--convert-to', WRITE_CSV, '--outdir', out, ...files], { stdio: 'ignore' });
  return out;
}

const column = (csv: Uint8Array, header: string) => {
  const rows = readCsv(csv, 'x.csv')[0]!.rows;
  const at = rows[0]!.indexOf(header);
  return rows.slice(1).map((r) => String(r[at] ?? ''));
};

describe('the export opened in LibreOffice Calc', () => {
  it('CSV: programs read every digit; a spreadsheet app drops the leading 0, as the screen and manifest say; the XLSX keeps it', async () => {
    const desk = openEventDesk(tempDir(), [person({ nib: '0123456789012', phone: '+6281350594909' })]);
    const folder = tempDir();
    await exportDay(desk, { folder, pdf: false });
    desk.close();

    const csv = readFileSync(join(folder, 'peserta.csv'));
    expect(column(csv, 'NIB')).toEqual(['0123456789012']);
    expect(column(csv, 'No. HP')).toEqual(['081350594909']);

    const calc = openedByCalc([join(folder, 'peserta.csv'), join(folder, 'laporan-harian.xlsx')]);
    // Opened the usual way, the CSV's NIB and phone become numbers: no CSV form avoids it without changing the data.
    const csvInCalc = readFileSync(join(calc, 'peserta-peserta.csv'));
    expect(column(csvInCalc, 'NIB')).toEqual(['123456789012']);
    expect(column(csvInCalc, 'No. HP')).toEqual(['81350594909']);
    // The workbook it points to keeps them.
    const sheetInCalc = readFileSync(join(calc, 'laporan-harian-Peserta.csv'));
    expect(column(sheetInCalc, 'NIB')).toEqual(['0123456789012']);
    expect(column(sheetInCalc, 'No. HP')).toEqual(['081350594909']);

    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { csvLeadingZeros: { id: string; en: string } };
    expect(manifest.csvLeadingZeros.id).toContain('buka laporan-harian.xlsx');
    expect(manifest.csvLeadingZeros.en).toContain('drop the leading 0');
  });
});
