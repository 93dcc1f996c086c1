import type { ImportIssue, SheetPreview } from '../api';
import type { ParticipantFields } from '../events';

/**
 * One spreadsheet cell as the reader hands it over. Numbers stay numbers because an NIB or a
 * phone typed as an Excel number has lost its leading zeros, and only the type tells us so.
 * A formula arrives as the result its spreadsheet app saved with it; nothing is evaluated.
 */
export type RawCell = string | number | null;

/** A formula cell saved without a result (or with an error as its result): blank in `rows`. */
export interface UnsavedFormula {
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  /** 0-based column. */
  col: number;
  formula: string;
  /** The saved error ("#REF!"), or null when no result was saved at all. */
  error: string | null;
}

/** `rows[i]` is spreadsheet row i + 1; empty rows are kept as `[]` so row numbers stay true. */
export interface RawSheet {
  name: string;
  rows: RawCell[][];
  /** Hidden or very hidden in the workbook: not imported unless the organizer includes it. */
  hidden?: boolean;
  unsaved?: UnsavedFormula[];
}

export interface ImportCandidate {
  fields: ParticipantFields;
  /** `row` is 1-based, as the spreadsheet shows it. */
  source: { sheet: string; row: number };
}

export interface NormalizedImport {
  sheets: SheetPreview[];
  /** Data rows read, valid or not (blank rows are not counted). */
  rows: number;
  /** Total and signature rows under the lists ("JUMLAH", "Mengetahui,", "NIP. …"): not data, counted apart. */
  nonDataRows: number;
  candidates: ImportCandidate[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

/** Blank: nothing, only spaces, or only dashes (the usual "nothing here" in Dinas lists). */
export function isBlankCell(cell: RawCell | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  return typeof cell === 'string' && /^[\s\u00a0\-–—]*$/.test(cell);
}
