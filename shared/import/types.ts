import type { ImportIssue, SheetPreview } from '../api';
import type { ParticipantFields } from '../events';

/**
 * One spreadsheet cell as the reader hands it over. Numbers stay numbers because an NIB or a
 * phone typed as an Excel number has lost its leading zeros, and only the type tells us so.
 * A formula arrives as its text ("=HYPERLINK(…)"), never as its result.
 */
export type RawCell = string | number | null;

/** `rows[i]` is spreadsheet row i + 1; empty rows are kept as `[]` so row numbers stay true. */
export interface RawSheet {
  name: string;
  rows: RawCell[][];
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
  candidates: ImportCandidate[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

/** Blank: nothing, only spaces, or only dashes (the usual "nothing here" in Dinas lists). */
export function isBlankCell(cell: RawCell | undefined): boolean {
  if (cell === null || cell === undefined) return true;
  return typeof cell === 'string' && /^[\s\u00a0\-–—]*$/.test(cell);
}
