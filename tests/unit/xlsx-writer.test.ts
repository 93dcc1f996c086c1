import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Table } from '../../electron/core/export/cells';
import { writeWorkbook } from '../../electron/core/export/workbook';
import { columnName } from '../../electron/core/export/xlsx/sheet-xml';

const AT = Date.parse('2024-05-21T01:30:00Z'); // 09.30 WITA
const table: Table = {
  sheet: "Daftar 'Hadir' & <Kab>",
  file: 'x.csv',
  headers: ['Nama', 'NIB', 'Jumlah', 'Tiba', 'Tanggal', '% Hadir'],
  rows: [
    ['  Siti Aminah ', '0123456789012', 12, { at: AT }, { day: '2024-05-02' }, { percent: 0.875 }],
    ['Toko\u0001 <Roti> & "Kue"', '=HYPERLINK("x")', 3, null, null, { percent: 0 }],
  ],
  totals: ['Jumlah', null, 15, null, null, { percent: 0.5 }],
  widths: [30, 16, 8, 18, 12, 9],
};

async function read(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  expect(workbook.creator).toBe('Loket');
  return workbook.worksheets[0]!;
}

describe('the XLSX writer', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 25, 26, 51, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA']);
  });

  it('writes text as text, WITA dates as dates, percentages, a bold total row, a frozen and filtered header', async () => {
    const sheet = await read(writeWorkbook([table], new Date(AT)));
    expect(sheet.name).toBe(table.sheet);
    expect(sheet.getRow(1).values).toEqual([undefined, ...table.headers]);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe('  Siti Aminah ');
    expect(first.getCell(2).value).toBe('0123456789012');
    expect(first.getCell(2).numFmt).toBe('@');
    expect(first.getCell(3).value).toBe(12);
    expect((first.getCell(4).value as Date).toISOString()).toBe('2024-05-21T09:30:00.000Z');
    expect(first.getCell(4).numFmt).toBe('dd/mm/yyyy hh:mm');
    expect((first.getCell(5).value as Date).toISOString()).toBe('2024-05-02T00:00:00.000Z');
    expect(first.getCell(6).value).toBe(0.875);
    expect(first.getCell(6).numFmt).toBe('0.0%');
    // A control character is dropped, markup is text, and a formula is never a formula.
    const second = sheet.getRow(3);
    expect(second.getCell(1).value).toBe('Toko <Roti> & "Kue"');
    expect(second.getCell(2).value).toBe('\'=HYPERLINK("x")');
    expect(second.getCell(4).value).toBeNull();
    const total = sheet.getRow(4);
    expect(total.getCell(3).value).toBe(15);
    expect(total.getCell(3).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:F1');
    expect(sheet.getColumn(1).width).toBe(30);
  });

  it('gives the same bytes for the same tables and stamp, whatever the clock', () => {
    const a = writeWorkbook([table], new Date(AT));
    const b = writeWorkbook([table], new Date(AT));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(Buffer.from(writeWorkbook([table], new Date(AT + 60_000))).equals(Buffer.from(a))).toBe(false);
  });
});
