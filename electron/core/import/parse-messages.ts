import type { ImportIssue, SheetPreview } from '../../../shared/api';
import type { ErrorCode, ErrorParams } from '../../../shared/errors';
import type { CertificateCandidate } from '../../../shared/import/certificate-list';
import type { ImportCandidate } from '../../../shared/import/types';
import type { CertificateJob } from './parse-certificates';
import type { ParseJob } from './parse-list';

/**
 * What the main thread sends the import worker: the file in slices (each a copy whose buffer is
 * handed over, so a 50 MB file costs that thread a millisecond at a time), then the job, a
 * participant list's or a certificate list's; later, for a participant list, the desk's
 * participants to count against, or requests for the rows themselves (the commit); and "more" for
 * each further part of an answer it is ready to take.
 */
export type ParseMessage =
  | { kind: 'content'; bytes: Uint8Array }
  | { kind: 'start'; job: ParseJob }
  | { kind: 'start-certificates'; job: CertificateJob }
  | { kind: 'existing'; entries: [id: string, fingerprint: string][] }
  | { kind: 'count' }
  /** Rows for the commit, in participant ID order: as many as its next transaction records. */
  | { kind: 'rows'; from: number; count: number }
  | { kind: 'more' };

/**
 * What the import worker sends back. A certificate list comes back whole, in parts; a participant
 * list's rows stay on the worker until a commit asks for them: 370,000 rows held on the main
 * thread cost it collection pauses of hundreds of milliseconds. Long answers go in parts, one when the main thread asks for it (Node hands a
 * thread every message waiting on a port in one go, so parts sent at once are taken in one turn).
 */
export type ParseReply =
  | { kind: 'summary'; sheets: SheetPreview[]; rows: number; nonDataRows: number; valid: number }
  | { kind: 'issues'; errors: ImportIssue[]; warnings: ImportIssue[] }
  | { kind: 'read' }
  | { kind: 'counts'; toImport: number; toUpdate: number; unchanged: number }
  | { kind: 'rows'; candidates: ImportCandidate[]; ids: string[]; bodies: string[] }
  | { kind: 'certificates'; rows: number; candidates: CertificateCandidate[]; errors: ImportIssue[]; warnings: ImportIssue[] }
  | { kind: 'refused'; code: ErrorCode; params: ErrorParams }
  | { kind: 'failed'; message: string };

export const SLICE_BYTES = 4 * 1024 * 1024;
export const PART_SIZE = 1_000;
