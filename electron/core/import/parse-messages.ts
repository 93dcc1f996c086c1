import type { ImportIssue, SheetPreview } from '../../../shared/api';
import type { ErrorCode, ErrorParams } from '../../../shared/errors';
import type { ImportCandidate } from '../../../shared/import/types';

/**
 * What the import worker sends back. A big list goes in parts: the main thread takes each in
 * turn, so a check-in waiting between two parts is served between them.
 */
export type ParseReply =
  | { kind: 'candidates'; candidates: ImportCandidate[]; ids: string[] }
  | { kind: 'issues'; errors: ImportIssue[]; warnings: ImportIssue[] }
  | { kind: 'done'; sheets: SheetPreview[]; rows: number; nonDataRows: number }
  | { kind: 'refused'; code: ErrorCode; params: ErrorParams }
  | { kind: 'failed'; message: string };

export const PART_SIZE = 5_000;
