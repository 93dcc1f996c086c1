import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { LoketError } from '../../../shared/errors';
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

export const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The main thread's end of one import worker: the file goes over in slices, each request is
 * answered by one reply, in the order asked (a commit asks for its next rows while it records the
 * last), a refusal arrives as the LoketError the worker threw and a heap overrun as `file_too_complex`.
 */
export class ImportWorker {
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

  /** The worker holds the process open while it works, not while a read list waits for its commit. */
  private answered() {
    const waiting = this.waiting.shift();
    if (this.waiting.length === 0) this.worker.unref();
    return waiting;
  }

  /** Send what needs no reply; a worker that stopped meanwhile is heard of at the next `ask`. */
  post(message: ParseMessage, transfer: ArrayBuffer[] = []): void {
    if (!this.stopped) this.worker.postMessage(message, transfer);
  }

  ask(message: ParseMessage): Promise<ParseReply> {
    return new Promise((resolve, reject) => {
      if (this.stopped) return reject(this.stopped);
      this.waiting.push({ resolve, reject });
      this.worker.ref();
      this.worker.postMessage(message);
    });
  }

  /** The file, a slice per turn of the event loop. */
  async send(content: Uint8Array): Promise<void> {
    for (let at = 0; at < content.length; at += SLICE_BYTES) {
      // A copy of its own, whose buffer is handed over: posting a view would copy the whole file each time.
      const slice = new Uint8Array(Math.min(SLICE_BYTES, content.length - at));
      slice.set(content.subarray(at, at + slice.length));
      this.post({ kind: 'content', bytes: slice }, [slice.buffer]);
      await nextTurn();
    }
  }

  close(): void {
    void this.worker.terminate();
  }
}

/** A worker of its own for one file, or null where there is no built worker (tests run from source). */
export function startImportWorker({ workerFile = WORKER_FILE, memoryMb = IMPORT_MEMORY_MB }: WorkerOptions = {}): ImportWorker | null {
  if (!existsSync(fileURLToPath(workerFile))) return null;
  const worker = new Worker(workerFile, {
    // A young generation that holds a sheet's cells: with V8's default the reader spends a third of its time collecting.
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64 },
  });
  return new ImportWorker(worker, memoryMb);
}
