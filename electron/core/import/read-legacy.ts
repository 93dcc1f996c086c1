import type { CellObject, WorkBook } from '@e965/xlsx';
import { LoketError } from '../../../shared/errors';
import type { RawCell, RawSheet, UnsavedFormula } from '../../../shared/import/types';
import { CellBudget } from './cell-budget';
import { MAX_SHEET_NAME } from './limits';
import { dropTrailingBlankRows } from './rows';
import { excelDate, repeatMerged } from './xlsx-sheet';
import { attribute, partText, scanXml } from './xml';
import { ZipArchive } from './zip';

/**
 * .xls (Excel 97–2003) and .ods (LibreOffice) through SheetJS (@e965/xlsx, its 0.20.3 published on
 * npm; the `xlsx` package on npm stopped at 0.18.5). The own reader stays for XLSX, where it is
 * twice as fast in half the memory (docs/import.md has the figures). Loaded only when such a file
 * arrives, and run on the import worker like every read.
 */
type SheetJs = typeof import('@e965/xlsx');

function cellValue(cell: CellObject, xlsx: SheetJs, date1904: boolean): RawCell {
  switch (cell.t) {
    case 'n': {
      const value = cell.v as number;
      return cell.z !== undefined && xlsx.SSF.is_date(cell.z) ? excelDate(value, date1904) : value;
    }
    case 's':
      return (cell.v as string) || null;
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString().slice(0, 10) : null;
    case 'e':
      return cell.w ?? null;
    default:
      return null;
  }
}

function readSheet(workbook: WorkBook, index: number, xlsx: SheetJs, budget: CellBudget): RawSheet {
  const name = workbook.SheetNames[index]!;
  const sheet = workbook.Sheets[name]!;
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const rows: RawCell[][] = [];
  const unsaved: UnsavedFormula[] = [];
  (sheet['!data'] ?? []).forEach((cells, r) => {
    const row: RawCell[] = [];
    budget.spend(1 + (cells?.length ?? 0));
    cells?.forEach((cell, c) => {
      if (!cell) return;
      // A formula counts as its saved result, as in XLSX; one without a result (or with an error) is listed.
      if (cell.f !== undefined && (cell.v === undefined || cell.t === 'e' || cell.t === 'z')) {
        unsaved.push({ row: r + 1, col: c, formula: cell.f, error: cell.t === 'e' ? (cell.w ?? null) : null });
        return;
      }
      const value = cellValue(cell, xlsx, date1904);
      if (value !== null) row[c] = value;
    });
    rows[r] = Array.from(row, (v) => v ?? null);
  });
  const dense = Array.from(rows, (cells) => cells ?? []);
  for (const range of sheet['!merges'] ?? []) repeatMerged(dense, xlsx.utils.encode_range(range), budget);
  const raw: RawSheet = { name: name.slice(0, MAX_SHEET_NAME), rows: dropTrailingBlankRows(dense) };
  if (workbook.Workbook?.Sheets?.[index]?.Hidden) raw.hidden = true;
  if (unsaved.length > 0) raw.unsaved = unsaved;
  return raw;
}

/**
 * Sheet names an ODS hides: its table style says table:display="false". SheetJS does not read
 * that (it does for .xls), so the styles of content.xml are scanned here.
 */
function odsHiddenSheets(bytes: Uint8Array): Set<string> {
  const hidden = new Set<string>();
  let content: Uint8Array | null;
  try {
    content = ZipArchive.open(bytes).read('content.xml');
  } catch {
    return hidden;
  }
  if (!content) return hidden;
  const hiddenStyles = new Set<string>();
  let style: string | null = null;
  scanXml(partText(content), {
    open(name, raw) {
      if (name === 'style') style = attribute(raw, 'style:name') ?? null;
      else if (name === 'table-properties' && style && attribute(raw, 'table:display') === 'false') hiddenStyles.add(style);
      else if (name === 'table') {
        const tableStyle = attribute(raw, 'table:style-name');
        const tableName = attribute(raw, 'table:name');
        if (tableStyle && tableName && hiddenStyles.has(tableStyle)) hidden.add(tableName.slice(0, MAX_SHEET_NAME));
      }
    },
    close(name) {
      if (name === 'style') style = null;
    },
  });
  return hidden;
}

/**
 * An Excel 5.0/95 (BIFF5) .xls keeps its text in the workbook's code page, Windows-1252 on an
 * Indonesian Windows. SheetJS's ESM build has no code-page tables until given them, and without
 * them decodes those bytes as Latin-1: "Warung Ma’ruf" became "Warung Ma\u0092ruf". The tables take
 * about 150 ms to load, so only an .xls (an OLE2 file) gets them; ODS is Unicode XML. set_cptable
 * reads the tables' `utils`, which the module exports at its top level.
 */
async function loadCodePages(xlsx: SheetJs): Promise<void> {
  xlsx.set_cptable(await import('@e965/xlsx/dist/cpexcel.full.mjs'));
}

/** Every worksheet of an .xls or .ods, in tab order. */
export async function readLegacy(bytes: Uint8Array, fileName: string): Promise<RawSheet[]> {
  // An ODS is a ZIP, which SheetJS inflates whole with no cap of its own.
  if (bytes[0] === 0x50) {
    try {
      ZipArchive.open(bytes).checkEveryEntry();
    } catch (error) {
      if (error instanceof LoketError) throw error;
      throw new LoketError('file_unreadable', { file: fileName });
    }
  }
  const xlsx: SheetJs = await import('@e965/xlsx');
  if (bytes[0] === 0xd0) await loadCodePages(xlsx);
  // SheetJS reports oddities on the console ("ODS number format may be incorrect"), which the CLI would print.
  const quiet = console.error;
  console.error = () => {};
  let workbook: WorkBook;
  try {
    workbook = xlsx.read(bytes, { type: 'buffer', dense: true, cellFormula: true, cellHTML: false, cellText: true, cellDates: false, cellStyles: false });
  } catch {
    throw new LoketError('file_unreadable', { file: fileName });
  } finally {
    console.error = quiet;
  }
  const budget = new CellBudget();
  const sheets: RawSheet[] = [];
  workbook.SheetNames.forEach((_, i) => {
    // Chart sheets carry no list.
    if (workbook.Sheets[workbook.SheetNames[i]!]?.['!type'] === 'chart') return;
    try {
      sheets.push(readSheet(workbook, i, xlsx, budget));
    } catch (error) {
      if (error instanceof LoketError) throw error;
      throw new LoketError('file_unreadable', { file: fileName });
    }
  });
  if (sheets.length === 0) throw new LoketError('file_unreadable', { file: fileName });
  const odsHidden = bytes[0] === 0x50 ? odsHiddenSheets(bytes) : new Set<string>();
  for (const sheet of sheets) if (odsHidden.has(sheet.name)) sheet.hidden = true;
  return sheets;
}
