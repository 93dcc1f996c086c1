import { PassThrough } from 'node:stream';
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
 * `stamp` (the latest event's time), not the clock, and so are the ZIP entries' times. Streamed
 * row by row: the in-memory workbook needs minutes and gigabytes for 100k participants.
 */
export async function writeWorkbook(tables: readonly Table[], stamp: Date): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  // The writer reads the document properties from its options, though exceljs's typings leave them out.
  const options = { stream, useStyles: true, useSharedStrings: false, created: stamp, modified: stamp, creator: 'Loket', lastModifiedBy: 'Loket' };
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter(options);
  for (const table of tables) {
    const columns = table.headers.length;
    const sheet = workbook.addWorksheet(table.sheet, {
      views: [{ state: 'frozen', ySplit: 1 }],
      ...(columns > 0 ? { autoFilter: { from: { row: 1, column: 1 }, to: { row: 1, column: columns } } } : {}),
    });
    sheet.columns = table.headers.map((header, col) => {
      const numFmt = columnFormat(table, col);
      return { header, width: table.widths?.[col] ?? 16, ...(numFmt ? { style: { numFmt } } : {}) };
    });
    const head = sheet.getRow(1);
    head.font = { bold: true };
    head.commit();
    for (const row of table.rows) sheet.addRow(row.map(value)).commit();
    if (table.totals) {
      const total = sheet.addRow(table.totals.map(value));
      total.font = { bold: true };
      total.commit();
    }
    sheet.commit();
  }
  await workbook.commit();
  return setZipTimes(new Uint8Array(Buffer.concat(chunks)), stamp);
}
