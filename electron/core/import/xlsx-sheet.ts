import { columnIndex } from '../../../shared/import/columns';
import type { RawCell, UnsavedFormula } from '../../../shared/import/types';
import type { CellBudget } from './cell-budget';
import { MAX_WORKBOOK_CELLS } from './limits';
import { GIVE_UP, readSheetData, type CellSink } from './xlsx-cells-fast';
import { attribute, attributes, decodeOoxmlText, scanXml, scanXmlUntil, type XmlVisitor } from './xml';

export { decodeOoxmlText };

export interface WorkbookParts {
  sharedStrings: readonly string[];
  /** Indexes of cell styles (cellXfs) whose number format is a date. */
  dateStyles: ReadonlySet<number>;
  date1904: boolean;
  /** Shared by every sheet of the workbook. */
  budget: CellBudget;
}

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
/** A merge wider than this is decoration; repeating its value further only costs memory. */
const MAX_MERGE_COLUMNS = 500;
const DAY_MS = 86_400_000;

export function excelDate(serial: number, date1904: boolean): string | null {
  // Serial 60 is the 29 Feb 1900 that never was (Lotus's leap-year bug, kept by Excel).
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + Math.floor(serial) * DAY_MS);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

export interface SheetCells {
  rows: RawCell[][];
  /** Formula cells saved without a result (openpyxl and some generators write none), or with an error. */
  unsaved: UnsavedFormula[];
}

/**
 * The cells of one worksheet part. A formula counts as the result Excel or LibreOffice saved with
 * it (nothing is ever evaluated), an empty text result as an empty cell; one saved without a
 * result, or with an error, is left blank and listed in `unsaved`. Merged ranges repeat their
 * top-left value (a KAB/KOTA merged down a block of rows belongs to each of them).
 */
export function readSheetXml(xml: string, parts: WorkbookParts): SheetCells {
  return readCommonSheetXml(xml, parts) ?? readAnySheetXml(xml, parts);
}

/**
 * What the cells of a sheet come to, whichever reader meets them: both place every cell through
 * here, so they cannot differ in what a cell's XML means.
 */
class SheetBuilder implements CellSink {
  readonly rows: RawCell[][] = [];
  readonly unsaved: UnsavedFormula[] = [];
  readonly merges: string[] = [];
  /** Cells placed and not yet spent from the budget; see `defer`. */
  private owed = 0;

  /**
   * `defer`: spend the budget only when settled. The fast reader may give up halfway, and the
   * generic reader then places every cell again, which must not find them spent already.
   */
  constructor(
    private readonly parts: WorkbookParts,
    private readonly defer: boolean,
  ) {}

  /**
   * False once the cells placed would exceed any workbook's budget: held unspent, they would
   * otherwise grow without the bound the budget keeps, so the fast reader gives up there and the
   * generic reader refuses the sheet as it always has.
   */
  cell(row: number, col: number, type: string, style: number, value: string | null, formula: string | null, inline: string | null): boolean {
    if (!inSheet(row, col)) return true;
    return this.place(row, col, this.valueOf(row, col, type, style, value, formula, inline));
  }

  sharedString(row: number, col: number, index: number): boolean {
    return inSheet(row, col) ? this.place(row, col, this.sharedText(index)) : true;
  }

  merge(raw: string): void {
    const ref = attributes(raw).ref;
    if (ref) this.merges.push(ref);
  }

  settle(): void {
    this.parts.budget.spend(this.owed);
    this.owed = 0;
  }

  /** The rows with every gap a null, and merged ranges repeated. */
  finish(): SheetCells {
    // Filled in place: on a 100,000-row list, copying every row (and collecting the copies) took
    // about as long as the fast scan of its cells.
    const rows = this.rows;
    for (let r = 0; r < rows.length; r++) {
      const cells = (rows[r] ??= []);
      for (let c = 0; c < cells.length; c++) cells[c] ??= null;
    }
    for (const ref of this.merges) repeatMerged(rows, ref, this.parts.budget);
    return { rows, unsaved: this.unsaved };
  }

  private place(row: number, col: number, value: RawCell): boolean {
    if (value === null || value === '') return true;
    const cells = Math.max(0, row + 1 - this.rows.length) + Math.max(0, col + 1 - (this.rows[row]?.length ?? 0));
    if (this.defer) this.owed += cells;
    else this.parts.budget.spend(cells);
    (this.rows[row] ??= [])[col] = value;
    return this.owed <= MAX_WORKBOOK_CELLS;
  }

  private sharedText(index: number): string {
    const text = this.parts.sharedStrings[index];
    if (text === undefined) {
      // Settled first: a sheet too large before this cell is refused as too large, as when spent cell by cell.
      this.settle();
      // A string the table lacks means a damaged or missing table: refuse rather than import blanks.
      throw new Error('xlsx: missing shared string');
    }
    return text;
  }

  private valueOf(row: number, col: number, type: string, style: number, v: string | null, formula: string | null, inline: string | null): RawCell {
    // Excel and LibreOffice save an empty text result (="") as t="str" with an empty <v>: an empty
    // cell. openpyxl writes the same <v></v> without a type for a formula it never computed.
    if (formula !== null && type === 'str' && v === '') return null;
    if (formula !== null && (v === null || v === '' || type === 'e')) {
      this.unsaved.push({ row: row + 1, col, formula, error: type === 'e' ? v : null });
      return null;
    }
    switch (type) {
      case 's':
        return v === null ? null : this.sharedText(Number(v));
      case 'inlineStr':
        return inline;
      case 'b':
        return v === null ? null : v.trim() === '1' ? 'TRUE' : 'FALSE';
      case 'str':
      case 'e':
        return v;
      case 'd':
        return v === null ? null : v.slice(0, 10);
      default: {
        const number = v === null || v.trim() === '' ? NaN : Number(v);
        if (Number.isNaN(number)) return v;
        return this.parts.dateStyles.has(style) ? excelDate(number, this.parts.date1904) : number;
      }
    }
  }
}

const inSheet = (row: number, col: number) => row >= 0 && row < MAX_ROWS && col >= 0 && col < MAX_COLUMNS;

/**
 * The sheet read by the fast scan of xlsx-cells-fast.ts, or null where it gives up. Exported, with
 * readAnySheetXml, only so that a test can hold the two readers to the same result.
 */
export function readCommonSheetXml(xml: string, parts: WorkbookParts): SheetCells | null {
  const cells = new SheetBuilder(parts, true);
  let foreign = false;
  // Outside <sheetData> the generic reader only takes merges, unless rows or cells stand there (or
  // an unclosed phonetic run, which would hide the inline text of the cells that follow).
  const outside: XmlVisitor = {
    open(name, raw) {
      if (name === 'row' || name === 'c' || name === 'rPh') foreign = true;
      else if (name === 'mergeCell') cells.merge(raw);
    },
  };
  const start = scanXmlUntil(xml, outside, 'sheetData');
  const end = start < 0 || foreign ? GIVE_UP : readSheetData(xml, start, cells);
  if (end === GIVE_UP) return null;
  scanXml(xml, outside, end);
  if (foreign) return null;
  cells.settle();
  return cells.finish();
}

/** Any sheet, through the generic tokenizer: prefixes, inline and rich text, CDATA and all. */
export function readAnySheetXml(xml: string, parts: WorkbookParts): SheetCells {
  const cells = new SheetBuilder(parts, false);
  let row = -1;
  let lastCol = -1;
  let cell: CellState | null = null;
  let capture: 'v' | 'f' | 't' | null = null;
  let buffer = '';
  let phonetic = false;

  const begin = (what: 'v' | 'f' | 't') => {
    capture = what;
    buffer = '';
  };

  scanXml(xml, {
    open(name, raw, selfClosing) {
      switch (name) {
        case 'row': {
          const r = Number(attribute(raw, 'r'));
          row = Number.isInteger(r) && r > 0 ? r - 1 : row + 1;
          lastCol = -1;
          return;
        }
        case 'c': {
          const ref = attribute(raw, 'r');
          lastCol = ref ? columnIndex(ref) : lastCol + 1;
          if (selfClosing) cell = null;
          else {
            const style = Number(attribute(raw, 's') ?? 0);
            cell = { col: lastCol, type: attribute(raw, 't') ?? 'n', style, value: null, inline: null, formula: null };
          }
          return;
        }
        case 'v':
          if (cell && !selfClosing) begin('v');
          return;
        case 'f':
          if (!cell) return;
          // A shared formula's copies carry no text of their own; the report names the cell.
          cell.formula = '';
          if (!selfClosing) begin('f');
          return;
        case 'rPh':
          phonetic = true;
          return;
        case 't':
          if (cell && !phonetic && !selfClosing) begin('t');
          return;
        case 'mergeCell':
          cells.merge(raw);
          return;
      }
    },
    text(text, cdata) {
      if (capture) buffer += cdata ? text : decodeOoxmlText(text);
    },
    close(name) {
      if (name === 'rPh') {
        phonetic = false;
      } else if (name === capture) {
        if (cell && name === 'v') cell.value = buffer;
        else if (cell && name === 'f') cell.formula = buffer;
        else if (cell && name === 't') cell.inline = (cell.inline ?? '') + buffer;
        capture = null;
      } else if (name === 'c' && cell) {
        cells.cell(row, cell.col, cell.type, cell.style, cell.value, cell.formula, cell.inline);
        cell = null;
      }
    },
  });
  return cells.finish();
}

interface CellState {
  col: number;
  type: string;
  style: number;
  value: string | null;
  inline: string | null;
  formula: string | null;
}

/** Repeat a merged range's top-left value into its other cells, as read lists expect. */
export function repeatMerged(rows: RawCell[][], ref: string, budget: CellBudget): void {
  const [from, to] = ref.split(':');
  if (!from || !to) return;
  const top = Number(/\d+/.exec(from)?.[0]) - 1;
  const bottom = Math.min(Number(/\d+/.exec(to)?.[0]) - 1, rows.length - 1);
  const left = columnIndex(from);
  const right = Math.min(columnIndex(to), left + MAX_MERGE_COLUMNS);
  const value = rows[top]?.[left] ?? null;
  if (value === null || !(top >= 0 && left >= 0) || bottom < top || right < left) return;
  for (let r = top; r <= bottom; r++) {
    const cells = rows[r]!;
    // Overlapping merges (Excel never writes them) would otherwise repeat this work without end.
    budget.spend(right - left + 1 + Math.max(0, left - cells.length));
    while (cells.length < left) cells.push(null);
    for (let c = left; c <= right; c++) if (r !== top || c !== left) cells[c] = value;
  }
}
