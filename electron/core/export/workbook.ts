import ExcelJS from 'exceljs';
import { escapeFormula, witaDate, type Cell, type Table } from './cells';
import { setZipTimes } from './zip-times';

const DATE_TIME = 'dd/mm/yyyy hh:mm';
const DATE = 'dd/mm/yyyy';
const PERCENT = '0.0%';
const TEXT = '@';

/** A column's number format from the kind of its values; text columns are '@' so Excel never reads "0812…" or a NIB as a number. */
function columnFormat(table: Table, col: number): string | null {
  for (const row of table.rows) {
    const cell = row[col];
    if (cell === null || cell === undefined) continue;
    if (typeof cell === 'string') return TEXT;
    if (typeof cell === 'number') return null;
    if ('at' in cell) return DATE_TIME;
    if ('day' in cell) return DATE;
    return PERCENT;
  }
  return TEXT;
}

function value(cell: Cell): ExcelJS.CellValue {
  if (cell === null) return null;
  // Strings are written as strings (never as formulas) and also quoted, as in the CSV, so a copy-paste cannot run them either.
  if (typeof cell === 'string') return escapeFormula(cell);
  if (typeof cell === 'number') return cell;
  if ('at' in cell) return witaDate(cell.at);
  if ('day' in cell) return new Date(`${cell.day}T00:00:00Z`);
  return cell.percent;
}

/**
 * The workbook, byte for byte the same for the same tables and `stamp`: the document dates are
 * `stamp` (the latest event's time), not the clock, and so are the ZIP entries' times.
 */
export async function writeWorkbook(tables: readonly Table[], stamp: Date): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Loket';
  workbook.lastModifiedBy = 'Loket';
  workbook.created = stamp;
  workbook.modified = stamp;
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.headers.map((header, col) => {
      const numFmt = columnFormat(table, col);
      return { header, width: table.widths?.[col] ?? 16, ...(numFmt ? { style: { numFmt } } : {}) };
    });
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(value));
    if (table.totals) sheet.addRow(table.totals.map(value)).font = { bold: true };
    if (table.headers.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
  }
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return setZipTimes(bytes, stamp);
}
