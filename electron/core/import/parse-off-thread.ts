import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportIssue, SheetPreview } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';
import type { ImportCandidate } from '../../../shared/import/types';
import { countAgainst, parseList, type ImportCounts, type ParsedList, type ParseRequest } from './parse-list';
import { SLICE_CHARS, type ParseMessage, type ParseReply } from './parse-messages';

/**
 * The heap one import may use. A 100,000-row XLSX needs about 130 MB, a 50 MB CSV of 370,000
 * rows about 460 MB; a file that needs more (a CSV of tens of millions of cells) stops its worker,
 * not the desk.
 */
export const IMPORT_MEMORY_MB = 768;

/** Built as its own file beside this module's bundle; run from source (unit tests) there is none. */
const WORKER_FILE = new URL('./import-worker.js', import.meta.url);

export interface WorkerOptions {
  /** The built worker (tests that run from source name out/core's). */
  workerFile?: URL;
  memoryMb?: number;
}

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
}

/** A read list, held where it was read until the commit takes its rows. */
export interface ParsedFile {
  readonly summary: ReadSummary;
  /** How its rows compare with the desk's participants, given as slices of [ID, importFingerprint]. */
  count(existing: Iterable<[string, string][]>): Promise<ImportCounts>;
  rows(): Promise<ReadRows>;
  close(): void;
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Where there is no built worker (tests run from source): read on this thread. */
class ReadHere implements ParsedFile {
  readonly summary: ReadSummary;

  constructor(private readonly list: ParsedList) {
    const { sheets, rows, nonDataRows, errors, warnings } = list;
    this.summary = { sheets, rows, nonDataRows, valid: list.candidates.length, errors, warnings };
  }

  async count(existing: Iterable<[string, string][]>): Promise<ImportCounts> {
    const known = new Map<string, string>();
    for (const slice of existing) for (const [id, fingerprint] of slice) known.set(id, fingerprint);
    return countAgainst(this.list, known);
  }

  async rows(): Promise<ReadRows> {
    return { candidates: this.list.candidates, ids: this.list.ids };
  }

  close(): void {}
}

interface Waiting {
  onReply(reply: ParseReply): void;
  fail(error: Error): void;
}

/** A list read by, and held on, a worker of its own. */
class ReadOnWorker implements ParsedFile {
  summary: ReadSummary = { sheets: [], rows: 0, nonDataRows: 0, valid: 0, errors: [], warnings: [] };
  private waiting: Waiting | null = null;
  private stopped: Error | null = null;

  constructor(
    private readonly worker: Worker,
    memoryMb: number,
  ) {
    worker.on('message', (reply: ParseReply) => this.waiting?.onReply(reply));
    const stop = (error: Error) => {
      this.stopped ??= error;
      this.waiting?.fail(this.stopped);
    };
    worker.on('error', (error: Error & { code?: string }) => stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new LoketError('file_too_complex', { max: memoryMb }) : error));
    worker.on('exit', () => stop(new Error('the import worker stopped')));
  }

  /** One exchange: the worker holds the process open while it works, not while the list waits for its commit. */
  private exchange<T>(onReply: (reply: ParseReply, done: (value: T) => void, more: () => void) => void): { answered: Promise<T>; post(message: ParseMessage): void } {
    this.worker.ref();
    const answered = new Promise<T>((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      const finish = (outcome: () => void) => {
        this.waiting = null;
        this.worker.unref();
        outcome();
      };
      const more = () => setImmediate(() => this.worker.postMessage({ kind: 'more' } satisfies ParseMessage));
      this.waiting = {
        fail: (error) => finish(() => reject(error)),
        onReply: (reply) => {
          if (reply.kind === 'refused') finish(() => reject(new LoketError(reply.code, reply.params)));
          else if (reply.kind === 'failed') finish(() => reject(new Error(reply.message)));
          else onReply(reply, (value) => finish(() => resolve(value)), more);
        },
      };
    });
    // A worker may stop while it is still being sent something; the caller hears of it from `answered`.
    answered.catch(() => {});
    return { answered, post: (message) => this.stopped || this.worker.postMessage(message) };
  }

  async read(request: ParseRequest): Promise<void> {
    const { answered, post } = this.exchange<void>((reply, done, more) => {
      if (reply.kind === 'summary') this.summary = { ...this.summary, sheets: reply.sheets, rows: reply.rows, nonDataRows: reply.nonDataRows, valid: reply.valid };
      else if (reply.kind === 'issues') {
        for (const e of reply.errors) this.summary.errors.push(e);
        for (const w of reply.warnings) this.summary.warnings.push(w);
      }
      if (reply.kind === 'read') done();
      else more();
    });
    const { contentBase64, ...job } = request;
    for (let at = 0; at < contentBase64.length; at += SLICE_CHARS) {
      post({ kind: 'content', base64: contentBase64.slice(at, at + SLICE_CHARS) });
      await turn();
    }
    post({ kind: 'start', job });
    return answered;
  }

  async count(existing: Iterable<[string, string][]>): Promise<ImportCounts> {
    const { answered, post } = this.exchange<ImportCounts>((reply, done) => {
      if (reply.kind === 'counts') done({ toImport: reply.toImport, toUpdate: reply.toUpdate, unchanged: reply.unchanged });
    });
    for (const entries of existing) {
      post({ kind: 'existing', entries });
      await turn();
    }
    post({ kind: 'count' });
    return answered;
  }

  rows(): Promise<ReadRows> {
    const rows: ReadRows = { candidates: [], ids: [] };
    const { answered, post } = this.exchange<ReadRows>((reply, done) => {
      if (reply.kind === 'candidates') {
        for (const c of reply.candidates) rows.candidates.push(c);
        for (const id of reply.ids) rows.ids.push(id);
      } else if (reply.kind === 'candidates-done') done(rows);
    });
    post({ kind: 'candidates' });
    return answered;
  }

  close(): void {
    void this.worker.terminate();
  }
}

/**
 * Read and normalize a list on a worker thread of its own, so the desk keeps answering check-ins
 * while a big file is read, and a file that needs too much memory is refused with a clear message.
 * The rows stay on the worker until `rows()`; `close()` ends it.
 */
export async function readOffThread(request: ParseRequest, { workerFile = WORKER_FILE, memoryMb = IMPORT_MEMORY_MB }: WorkerOptions = {}): Promise<ParsedFile> {
  if (!existsSync(fileURLToPath(workerFile))) return new ReadHere(await parseList(request));
  const worker = new Worker(workerFile, {
    // A young generation that holds a sheet's cells: with V8's default the reader spends a third of its time collecting.
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 },
  });
  const file = new ReadOnWorker(worker, memoryMb);
  try {
    await file.read(request);
  } catch (error) {
    file.close();
    throw error;
  }
  return file;
}
