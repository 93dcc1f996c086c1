/**
 * One value of a report cell. Strings are always text (identifiers such as NIB, phone and
 * certificate numbers must never become numbers); `at` is a moment shown as WITA wall-clock time;
 * `day` is a calendar date; numbers stay numbers so totals can be summed in Excel.
 */
export type Cell = string | number | { at: number } | { day: string } | { percent: number } | null;

export interface Table {
  /** Sheet name in the workbook. */
  sheet: string;
  /** CSV file name. */
  file: string;
  headers: string[];
  rows: Cell[][];
  /** Column widths in characters, for the workbook only. */
  widths?: number[];
  /** Rows after the data (the "Jumlah" total row), styled bold in the workbook. */
  totals?: Cell[];
}

/** Wall-clock offset of WITA (UTC+8, no daylight saving): spreadsheets have no time zones, so cells hold WITA time. */
const WITA_OFFSET_MS = 8 * 3600_000;

/** A spreadsheet would run a cell starting with one of these as a formula (CSV injection); tab and CR are on OWASP's list too. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefix a quote so no spreadsheet runs the text as a formula; the quote is visible, which is the point. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The WITA wall-clock time of a moment, as a Date whose UTC fields read as WITA (what Excel date cells hold). */
export function witaDate(epochMs: number): Date {
  return new Date(epochMs + WITA_OFFSET_MS);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2024-05-21 09:30" in WITA: unambiguous for any CSV reader in any regional setting. */
export function witaText(epochMs: number): string {
  const d = witaDate(epochMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "09.30" in WITA (PUEBI: a period between hours and minutes). */
export function witaClock(epochMs: number): string {
  const d = witaDate(epochMs);
  return `${pad(d.getUTCHours())}.${pad(d.getUTCMinutes())}`;
}

/** A cell as CSV text; the decimal mark follows the separator (comma decimals beside ';', as Indonesian Excel reads them). */
export function csvText(cell: Cell, separator: ';' | ','): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return escapeFormula(cell);
  if (typeof cell === 'number') return separator === ';' ? String(cell).replace('.', ',') : String(cell);
  if ('at' in cell) return witaText(cell.at);
  if ('day' in cell) return cell.day;
  const percent = Math.round(cell.percent * 1000) / 10;
  return separator === ';' ? String(percent).replace('.', ',') : String(percent);
}
