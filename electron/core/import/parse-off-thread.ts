import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LoketError } from '../../../shared/errors';
import { parseList, type ParsedList, type ParseRequest } from './parse-list';
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

/**
 * Read and normalize a list on a worker thread of its own, so the desk keeps answering check-ins
 * while a big file is read, and a file that needs too much memory is refused with a clear message.
 * Where there is no built worker (tests run from source), on this thread.
 */
export async function parseOffThread(request: ParseRequest, { workerFile = WORKER_FILE, memoryMb = IMPORT_MEMORY_MB }: WorkerOptions = {}): Promise<ParsedList> {
  if (!existsSync(fileURLToPath(workerFile))) return parseList(request);
  const worker = new Worker(workerFile, {
    // A young generation that holds a sheet's cells: with V8's default the reader spends a third of its time collecting.
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 },
  });
  const list: ParsedList = { sheets: [], rows: 0, nonDataRows: 0, candidates: [], ids: [], errors: [], warnings: [] };
  const answered = new Promise<ParsedList>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      outcome();
    };
    const more = () => setImmediate(() => settled || worker.postMessage({ kind: 'more' } satisfies ParseMessage));
    worker.on('message', (reply: ParseReply) => {
      switch (reply.kind) {
        case 'candidates':
          for (const c of reply.candidates) list.candidates.push(c);
          for (const id of reply.ids) list.ids.push(id);
          return more();
        case 'issues':
          for (const e of reply.errors) list.errors.push(e);
          for (const w of reply.warnings) list.warnings.push(w);
          return more();
        case 'done':
          Object.assign(list, { sheets: reply.sheets, rows: reply.rows, nonDataRows: reply.nonDataRows });
          return settle(() => resolve(list));
        case 'refused':
          return settle(() => reject(new LoketError(reply.code, reply.params)));
        case 'failed':
          return settle(() => reject(new Error(reply.message)));
      }
    });
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new LoketError('file_too_complex', { max: memoryMb }) : error)),
    );
    worker.on('exit', () => settle(() => reject(new Error('the import worker stopped'))));
  });
  // The worker may stop while the file is still being sent; the caller hears of it from `answered`.
  answered.catch(() => {});
  const { contentBase64, ...job } = request;
  for (let at = 0; at < contentBase64.length; at += SLICE_CHARS) {
    worker.postMessage({ kind: 'content', base64: contentBase64.slice(at, at + SLICE_CHARS) } satisfies ParseMessage);
    await new Promise((resolve) => setImmediate(resolve));
  }
  worker.postMessage({ kind: 'start', job } satisfies ParseMessage);
  return answered;
}
