import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportIssue, SheetPreview } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';
import type { ImportCandidate } from '../../../shared/import/types';
import { countAgainst, inIdOrder, parseList, type ImportCounts, type ParsedList, type ParseRequest } from './parse-list';
import { SLICE_BYTES, type ParseMessage, type ParseReply } from './parse-messages';

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
  /** `count` of its rows from `from` on, in participant ID order (inIdOrder); none past the end. */
  rows(from: number, count: number): Promise<ReadRows>;
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

  private ordered: ReadRows | null = null;

  async rows(from: number, count: number): Promise<ReadRows> {
    const { candidates, ids } = (this.ordered ??= inIdOrder(this.list));
    return { candidates: candidates.slice(from, from + count), ids: ids.slice(from, from + count) };
  }

  close(): void {}
}

/**
 * A list read by, and held on, a worker of its own; each request is answered by one reply, in the
 * order asked (a commit asks for its next rows while it records the last).
 */
class ReadOnWorker implements ParsedFile {
  summary: ReadSummary = { sheets: [], rows: 0, nonDataRows: 0, valid: 0, errors: [], warnings: [] };
  private readonly waiting: { resolve(reply: ParseReply): void; reject(error: Error): void }[] = [];
  private stopped: Error | null = null;

  constructor(
    private readonly worker: Worker,
    memoryMb: number,
  ) {
    worker.on('message', (reply: ParseReply) => {
      const waiting = this.answered();
      if (reply.kind === 'refused') waiting?.reject(new LoketError(reply.code, reply.params));
      else if (reply.kind === 'failed') waiting?.reject(new Error(reply.message));
      else waiting?.resolve(reply);
    });
    const stop = (error: Error) => {
      this.stopped ??= error;
      while (this.waiting.length > 0) this.answered()!.reject(this.stopped);
    };
    worker.on('error', (error: Error & { code?: string }) => stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new LoketError('file_too_complex', { max: memoryMb }) : error));
    worker.on('exit', () => stop(new Error('the import worker stopped')));
  }

  /** The worker holds the process open while it works, not while the list waits for its commit. */
  private answered() {
    const waiting = this.waiting.shift();
    if (this.waiting.length === 0) this.worker.unref();
    return waiting;
  }

  /** Send what needs no reply; a worker that stopped meanwhile is heard of at the next `ask`. */
  private post(message: ParseMessage, transfer: ArrayBuffer[] = []): void {
    if (!this.stopped) this.worker.postMessage(message, transfer);
  }

  private ask(message: ParseMessage): Promise<ParseReply> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      this.waiting.push({ resolve, reject });
      this.worker.ref();
      this.worker.postMessage(message);
    });
  }

  async read(request: ParseRequest): Promise<void> {
    const { content, ...job } = request;
    for (let at = 0; at < content.length; at += SLICE_BYTES) {
      // A copy of its own, whose buffer is handed over: posting a view would copy the whole file each time.
      const slice = new Uint8Array(Math.min(SLICE_BYTES, content.length - at));
      slice.set(content.subarray(at, at + slice.length));
      this.post({ kind: 'content', bytes: slice }, [slice.buffer]);
      await turn();
    }
    for (let reply = await this.ask({ kind: 'start', job }); reply.kind !== 'read'; reply = await this.ask({ kind: 'more' })) {
      if (reply.kind === 'summary') this.summary = { ...this.summary, sheets: reply.sheets, rows: reply.rows, nonDataRows: reply.nonDataRows, valid: reply.valid };
      else if (reply.kind === 'issues') {
        for (const e of reply.errors) this.summary.errors.push(e);
        for (const w of reply.warnings) this.summary.warnings.push(w);
      }
    }
  }

  async count(existing: Iterable<[string, string][]>): Promise<ImportCounts> {
    for (const entries of existing) {
      this.post({ kind: 'existing', entries });
      await turn();
    }
    const reply = await this.ask({ kind: 'count' });
    if (reply.kind !== 'counts') throw new Error(`the import worker answered ${reply.kind}`);
    return { toImport: reply.toImport, toUpdate: reply.toUpdate, unchanged: reply.unchanged };
  }

  async rows(from: number, count: number): Promise<ReadRows> {
    const reply = await this.ask({ kind: 'rows', from, count });
    if (reply.kind !== 'rows') throw new Error(`the import worker answered ${reply.kind}`);
    return { candidates: reply.candidates, ids: reply.ids };
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
