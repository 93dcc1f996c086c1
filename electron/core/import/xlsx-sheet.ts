import { columnIndex } from '../../../shared/import/columns';
import type { RawCell, UnsavedFormula } from '../../../shared/import/types';
import type { CellBudget } from './cell-budget';
import { attribute, attributes, decodeXml, scanXml } from './xml';

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

/** Excel's "_x000D_" escapes for characters XML cannot hold. */
export function decodeOoxmlText(raw: string): string {
  const text = decodeXml(raw);
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

export function excelDate(serial: number, date1904: boolean): string | null {
  // Serial 60 is the 29 Feb 1900 that never was (Lotus's leap-year bug, kept by Excel).
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + Math.floor(serial) * DAY_MS);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

interface CellState {
  col: number;
  type: string;
  style: number;
  value: string | null;
  inline: string | null;
  formula: string | null;
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
  const rows: RawCell[][] = [];
  const merges: string[] = [];
  const unsaved: UnsavedFormula[] = [];
  let row = -1;
  let lastCol = -1;
  let cell: CellState | null = null;
  let capture: 'v' | 'f' | 't' | null = null;
  let buffer = '';
  let phonetic = false;

  const valueOf = (c: CellState): RawCell => {
    const v = c.value;
    // Excel and LibreOffice save an empty text result (="") as t="str" with an empty <v>: an empty
    // cell. openpyxl writes the same <v></v> without a type for a formula it never computed.
    if (c.formula !== null && c.type === 'str' && v === '') return null;
    if (c.formula !== null && (v === null || v === '' || c.type === 'e')) {
      unsaved.push({ row: row + 1, col: c.col, formula: c.formula, error: c.type === 'e' ? v : null });
      return null;
    }
    switch (c.type) {
      case 's': {
        if (v === null) return null;
        const text = parts.sharedStrings[Number(v)];
        // A string the table lacks means a damaged or missing table: refuse rather than import blanks.
        if (text === undefined) throw new Error('xlsx: missing shared string');
        return text;
      }
      case 'inlineStr':
        return c.inline;
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
        return parts.dateStyles.has(c.style) ? excelDate(number, parts.date1904) : number;
      }
    }
  };

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
        case 'mergeCell': {
          const ref = attributes(raw).ref;
          if (ref) merges.push(ref);
          return;
        }
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
        if (row >= 0 && row < MAX_ROWS && cell.col >= 0 && cell.col < MAX_COLUMNS) {
          const value = valueOf(cell);
          if (value !== null && value !== '') {
            parts.budget.spend(Math.max(0, row + 1 - rows.length) + Math.max(0, cell.col + 1 - (rows[row]?.length ?? 0)));
            (rows[row] ??= [])[cell.col] = value;
          }
        }
        cell = null;
      }
    },
  });

  const dense = Array.from(rows, (cells) => (cells ? Array.from(cells, (c) => c ?? null) : []));
  for (const ref of merges) repeatMerged(dense, ref, parts.budget);
  return { rows: dense, unsaved };
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
