import type { ImportIssue, SheetPreview } from '../../../shared/api';
import type { ErrorCode, ErrorParams } from '../../../shared/errors';
import type { ImportCandidate } from '../../../shared/import/types';
import type { ParseJob } from './parse-list';

/**
 * What the main thread sends the import worker: the file in slices of base64 (each a copy the
 * main thread makes, so a 50 MB file costs it a few milliseconds at a time), then the job; then
 * "more" for each part of the answer it is ready to take.
 */
export type ParseMessage = { kind: 'content'; base64: string } | { kind: 'start'; job: ParseJob } | { kind: 'more' };

/** A multiple of 4, so each slice decodes on its own. */
export const SLICE_CHARS = 8 * 1024 * 1024;

/**
 * What the import worker sends back. A big list goes in parts, one when the main thread asks for
 * it: Node hands a thread every message waiting on a port in one go, so parts sent all at once
 * would be taken in one long turn (1.4 s for 370,000 rows) instead of one turn each.
 */
export type ParseReply =
  | { kind: 'candidates'; candidates: ImportCandidate[]; ids: string[] }
  | { kind: 'issues'; errors: ImportIssue[]; warnings: ImportIssue[] }
  | { kind: 'done'; sheets: SheetPreview[]; rows: number; nonDataRows: number }
  | { kind: 'refused'; code: ErrorCode; params: ErrorParams }
  | { kind: 'failed'; message: string };

export const PART_SIZE = 1_000;
