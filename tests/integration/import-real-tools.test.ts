import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport } from '../../electron/core/services/import-service';
import type { ImportIssue, ImportPreview } from '../../shared/api';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { openEventDesk } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * Lists written by the tools Dinas offices use, not by our own writer. The files are committed,
 * made by fixtures/import/make-fixtures.py: openpyxl wrote the .xlsx files, LibreOffice Calc
 * (headless) the *-lo.xlsx/.xls/.ods ones (the openpyxl files opened and saved), Python's
 * cp1252 codec the CSV, byte for byte what Excel's "CSV" writes on an Indonesian Windows, and
 * Gnumeric's ssconvert the Excel 95 workbook (LibreOffice 7.4 reads that format but cannot write it).
 */
const tempDir = useTempDirs();
const FIXTURES = join(import.meta.dirname, 'fixtures/import');
const file = (name: string) => ({ fileName: name, content: readFileSync(join(FIXTURES, name)) });
const issues = (list: readonly ImportIssue[]) => list.map((i) => `${i.sheet}:${i.row}:${i.field}:${i.code}`);

async function preview(name: string, extra: { includeSheets?: string[] } = {}): Promise<ImportPreview> {
  const desk = openEventDesk(tempDir());
  try {
    return await previewImport(desk, { ...file(name), ...extra });
  } finally {
    desk.close();
  }
}

describe('hidden and very hidden sheets', () => {
  for (const name of ['hidden-sheets.xlsx', 'hidden-sheets-lo.ods']) {
    it(`are listed and not imported unless chosen (${name})`, async () => {
      const p = await preview(name);
      expect(p.sheets.map((s) => [s.sheet, Boolean(s.hidden)])).toEqual([
        ['Peserta', false],
        ['Data Lama', true],
        ['Arsip', true],
      ]);
      expect([p.rows, p.toImport]).toEqual([3, 2]);
      expect(issues(p.warnings)).toEqual(['Data Lama:0::sheet_hidden_skipped', 'Arsip:0::sheet_hidden_skipped']);
      expect(p.warnings[0]!.message).toContain('Lembar tersembunyi, tidak diimpor: "Data Lama"');
      // The refused visible row (NIB "proses") does not come in from the stale hidden copy.
      expect(issues(p.errors)).toEqual(['Peserta:4:nib:nib_missing']);

      const chosen = await preview(name, { includeSheets: ['Data Lama'] });
      expect([chosen.rows, chosen.toImport]).toEqual([8, 7]);
      expect(issues(chosen.warnings)).toEqual(['Arsip:0::sheet_hidden_skipped']);
    });
  }

  it('can be included from the CLI by name', async () => {
    requireBuild();
    const dir = tempDir();
    expect((await runCli(['init', '--data', dir, '--name', 'Uji', '--date', '2024-05-21'], { LOKET_PIN: '24681357' })).code).toBe(0);
    const path = join(FIXTURES, 'hidden-sheets.xlsx');
    const dry = await runCli(['import', '--data', dir, path, '--dry-run']);
    expect(dry.stdout).toContain('Lembar tersembunyi, tidak diimpor: "Data Lama".');
    expect(dry.stdout).toContain('(--include-sheet "Arsip")');
    const run = await runCli(['import', '--data', dir, path, '--include-sheet', 'Data Lama', '--json']);
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({ rows: 8, imported: 7 });
  });
});

describe('formulas', () => {
  it('count as the result LibreOffice saved with them, never as their text', async () => {
    const p = await preview('formulas-lo.xlsx');
    const desk = openEventDesk(tempDir());
    try {
      await commitImport(desk, file('formulas-lo.xlsx'));
      const people = [...desk.view.all()].map((x) => [x.nib, x.regency]).sort();
      // =TEXT(J4,"0000000000000") kept the leading zero; =Referensi!$B$2 gave every row its regency.
      expect(people).toEqual([
        ['0123456789012', '63.05'],
        ['0123456789014', '63.05'],
        ['9120710000001', '63.05'],
      ]);
    } finally {
      desk.close();
    }
    expect(p.warnings.filter((w) => w.code === 'formula_error').map((w) => w.message)).toEqual([
      'Rumus di sel C6 menghasilkan galat #DIV/0!; dibaca kosong.',
    ]);
  });

  it('saved without a result (openpyxl writes none) are reported cell by cell', async () => {
    const p = await preview('formulas.xlsx');
    const unsaved = p.warnings.filter((w) => w.code === 'formula_no_result');
    expect(unsaved.map((w) => `${w.row}:${w.field}`)).toEqual(['4:nib', '4:regency', '5:nib', '5:regency', '6:business', '6:nib', '6:regency']);
    expect(unsaved[0]!.message).toContain('Sel D4 berisi rumus tanpa hasil tersimpan (=TEXT(J4,"0000000000000"))');
    expect(p.toImport).toBe(0);
  });
});

describe('formulas whose saved result is empty text (=IF(J3="";"";J3))', () => {
  for (const name of ['empty-results-lo.xlsx', 'empty-results-lo.ods']) {
    it(`are empty cells, not formulas to save again (${name}, saved by LibreOffice)`, async () => {
      const desk = openEventDesk(tempDir());
      try {
        const p = await previewImport(desk, file(name));
        expect([p.rows, p.toImport, p.errors, p.warnings]).toEqual([2, 2, [], []]);
        await commitImport(desk, file(name));
        expect([...desk.view.all()].map((x) => [x.nib, x.phone]).sort()).toEqual([
          ['0123456789012', '+6281234567890'],
          ['0123456789013', null],
        ]);
      } finally {
        desk.close();
      }
    });
  }

  it('are still reported cell by cell where no result was saved (openpyxl writes <v></v> untyped)', async () => {
    const p = await preview('empty-results.xlsx');
    expect(p.warnings.map((w) => `${w.row}:${w.field}:${w.code}`)).toEqual(['2:phone:formula_no_result', '3:phone:formula_no_result']);
  });
});

describe('one sheet per regency, with totals and signatures under the list', () => {
  for (const name of ['per-regency.xlsx', 'per-regency-lo.xls', 'per-regency-lo.ods']) {
    it(`takes the regency from the sheet name or title and counts the footer apart (${name})`, async () => {
      const p = await preview(name);
      expect(p.sheets.map((s) => [s.sheet, s.regencyFrom?.source, s.regencyFrom?.code, s.rows, s.nonDataRows])).toEqual([
        ['Tanah Laut', 'sheet', '63.01', 3, 5],
        ['Kota Banjarbaru', 'sheet', '63.72', 2, 0],
        ['Lembar3', 'title', '63.05', 2, 0],
        ['HSS', 'sheet', '63.06', 1, 0],
      ]);
      expect([p.rows, p.nonDataRows, p.toImport, p.errors]).toEqual([8, 5, 8, []]);
      // "Kab. HSS" is Hulu Sungai Selatan, outside this event's six regencies: imported, named in a warning.
      expect(p.warnings.map((w) => [w.sheet, w.code, w.message])).toEqual([
        ['HSS', 'regency_outside_event', 'Kabupaten/kota Hulu Sungai Selatan (63.06) bukan wilayah acara ini; tetap diimpor, periksa.'],
      ]);
    });
  }
});

describe('a total row and regencies outside the event in the Kab/Kota column (totals-lo.xlsx)', () => {
  it('counts "JUMLAH" with a SUM under the NIB column and "TOTAL" with a COUNTA apart, and imports Kab. HSS with a warning naming it', async () => {
    const desk = openEventDesk(tempDir());
    try {
      const p = await previewImport(desk, file('totals-lo.xlsx'));
      // The SUM of three 12-digit NIBs is a 12-digit number too (370370367039): still not a participant.
      expect([p.rows, p.nonDataRows, p.toImport, p.errors]).toEqual([3, 2, 3, []]);
      expect(p.sheets[0]!.nonDataRows).toBe(2);
      const outside = p.warnings.filter((w) => w.code === 'regency_outside_event');
      expect(outside.map((w) => [w.row, w.field, w.message])).toEqual([
        [3, 'regency', 'Kabupaten/kota Hulu Sungai Selatan (63.06) bukan wilayah acara ini; tetap diimpor, periksa.'],
        [4, 'regency', 'Kabupaten/kota Hulu Sungai Selatan (63.06) bukan wilayah acara ini; tetap diimpor, periksa.'],
      ]);
      expect(p.warnings.filter((w) => w !== outside[0] && w !== outside[1]).map((w) => `${w.row}:${w.code}`)).toEqual(['2:nib_restored', '3:nib_restored', '4:nib_restored']);
      await commitImport(desk, file('totals-lo.xlsx'));
      expect([...desk.view.all()].map((x) => [x.nib, x.name, x.regency]).sort()).toEqual([
        ['0123456789012', 'Siti Rahmah', '63.05'],
        ['0123456789013', 'Rusdi Hamdan', '63.06'],
        ['0123456789014', 'Nur Aini', '63.06'],
      ]);
    } finally {
      desk.close();
    }
  });
});

describe('a CSV as Excel writes it on an Indonesian Windows (Windows-1252)', () => {
  it('keeps ’ “ ” – € ™, explains a scientific-notation NIB and restores a 12-digit one', async () => {
    const desk = openEventDesk(tempDir());
    try {
      const p = await previewImport(desk, file('excel-cp1252.csv'));
      expect(issues(p.errors)).toEqual(['excel-cp1252:3:nib:nib_scientific']);
      expect(p.errors[0]!.message).toContain('Format Cells → Text');
      expect(issues(p.warnings)).toEqual(['excel-cp1252:4:nib:nib_twelve_digits']);
      expect(p.warnings[0]!.message).toContain('angka 0 di depan kemungkinan hilang');
      await commitImport(desk, file('excel-cp1252.csv'));
      const people = [...desk.view.all()].map((x) => [x.nib, x.name, x.business]).sort();
      expect(people).toEqual([
        ['0123456789012', 'Ma’ruf Hidayat', 'Warung Ma’ruf “Berkah” – Kue'],
        ['0123456789014', 'Nur Aini', 'Kue Aini'],
      ]);
    } finally {
      desk.close();
    }
  });
});

describe('an Excel 95 workbook (BIFF5), whose text is in Windows-1252', () => {
  it('keeps ’ “ ” – as themselves', async () => {
    const { content } = file('excel95-gnumeric.xls');
    // BOF record, version 0x0500: BIFF5, not the Unicode BIFF8 of Excel 97 and later.
    expect(content.includes(Buffer.from([0x09, 0x08, 0x08, 0x00, 0x00, 0x05]))).toBe(true);
    const desk = openEventDesk(tempDir());
    try {
      const p = await previewImport(desk, file('excel95-gnumeric.xls'));
      expect([p.rows, p.toImport, p.errors, p.warnings]).toEqual([3, 3, [], []]);
      await commitImport(desk, file('excel95-gnumeric.xls'));
      const people = [...desk.view.all()].map((x) => [x.nib, x.name, x.business]).sort();
      expect(people).toEqual([
        ['0123456789012', 'Ma’ruf Hidayat', 'Warung Ma’ruf'],
        ['0123456789013', 'Aisyah', 'Kue “Bingka”'],
        ['0123456789014', 'Rusdi Hamdan', 'Amplang – Haruan'],
      ]);
    } finally {
      desk.close();
    }
  });
});
