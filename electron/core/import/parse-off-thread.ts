import type { ImportIssue, SheetPreview } from '../../../shared/api';
import type { ImportCandidate } from '../../../shared/import/types';
import { newParticipantBodies } from './imported-body';
import { countAgainst, inIdOrder, parseList, type ImportCounts, type ParsedList, type ParseRequest } from './parse-list';
import { nextTurn, startImportWorker, type ImportWorker, type WorkerOptions } from './worker-channel';

/** What a dry run shows of a read list: everything but its rows. */
export interface ReadSummary {
  sheets: SheetPreview[];
  rows: number;
  nonDataRows: number;
  valid: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface ReadRows {
  candidates: ImportCandidate[];
  ids: string[];
  /** Each row's event body as the log stores it, for a participant new to the desk (newParticipantBodies). */
  bodies: string[];
}

/** A read list, held where it was read until the commit takes its rows. */
export interface ParsedFile {
  readonly summary: ReadSummary;
  /** How its rows compare with the desk's participants, given as slices of [ID, importFingerprint]. */
  count(existing: Iterable<[string, string][]>): Promise<ImportCounts>;
  /** `count` of its rows from `from` on, in participant ID order (inIdOrder); none past the end. */
  rows(from: number, count: number): Promise<ReadRows>;
  close(): void;
}

/** Where there is no built worker (tests run from source): read on this thread. */
class ReadHere implements ParsedFile {
  readonly summary: ReadSummary;

  constructor(
    private readonly list: ParsedList,
    private readonly fileName: string,
  ) {
    const { sheets, rows, nonDataRows, errors, warnings } = list;
    this.summary = { sheets, rows, nonDataRows, valid: list.candidates.length, errors, warnings };
  }

  async count(existing: Iterable<[string, string][]>): Promise<ImportCounts> {
    const known = new Map<string, string>();
    for (const slice of existing) for (const [id, fingerprint] of slice) known.set(id, fingerprint);
    return countAgainst(this.list, known);
  }

  private ordered: Pick<ReadRows, 'candidates' | 'ids'> | null = null;

  async rows(from: number, count: number): Promise<ReadRows> {
    const ordered = (this.ordered ??= inIdOrder(this.list));
    const candidates = ordered.candidates.slice(from, from + count);
    const ids = ordered.ids.slice(from, from + count);
    return { candidates, ids, bodies: newParticipantBodies(candidates, ids, this.fileName) };
  }

  close(): void {}
}

/** A list read by, and held on, a worker of its own. */
class ReadOnWorker implements ParsedFile {
  summary: ReadSummary = { sheets: [], rows: 0, nonDataRows: 0, valid: 0, errors: [], warnings: [] };

  constructor(private readonly worker: ImportWorker) {}

  async read(request: ParseRequest): Promise<void> {
    const { content, ...job } = request;
    await this.worker.send(content);
    for (let reply = await this.worker.ask({ kind: 'start', job }); reply.kind !== 'read'; reply = await this.worker.ask({ kind: 'more' })) {
      if (reply.kind === 'summary') this.summary = { ...this.summary, sheets: reply.sheets, rows: reply.rows, nonDataRows: reply.nonDataRows, valid: reply.valid };
      else if (reply.kind === 'issues') {
        for (const e of reply.errors) this.summary.errors.push(e);
        for (const w of reply.warnings) this.summary.warnings.push(w);
      }
    }
  }

  async count(existing: Iterable<[string, string][]>): Promise<ImportCounts> {
    for (const entries of existing) {
      this.worker.post({ kind: 'existing', entries });
      await nextTurn();
    }
    const reply = await this.worker.ask({ kind: 'count' });
    if (reply.kind !== 'counts') throw new Error(`the import worker answered ${reply.kind}`);
    return { toImport: reply.toImport, toUpdate: reply.toUpdate, unchanged: reply.unchanged };
  }

  async rows(from: number, count: number): Promise<ReadRows> {
    const reply = await this.worker.ask({ kind: 'rows', from, count });
    if (reply.kind !== 'rows') throw new Error(`the import worker answered ${reply.kind}`);
    return { candidates: reply.candidates, ids: reply.ids, bodies: reply.bodies };
  }

  close(): void {
    this.worker.close();
  }
}

/**
 * Read and normalize a list on a worker thread of its own, so the desk keeps answering check-ins
 * while a big file is read, and a file that needs too much memory is refused with a clear message.
 * The rows stay on the worker until `rows()`; `close()` ends it.
 */
export async function readOffThread(request: ParseRequest, options: WorkerOptions = {}): Promise<ParsedFile> {
  const worker = startImportWorker(options);
  if (!worker) return new ReadHere(await parseList(request), request.fileName);
  const file = new ReadOnWorker(worker);
  try {
    await file.read(request);
  } catch (error) {
    file.close();
    throw error;
  }
  return file;
}
