import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { unpack, type PackedReceived } from './decode-columns';
import { ProtocolError, type Received } from './messages';

export interface DecodeRequest {
  id: number;
  payload: ArrayBuffer;
}
export type DecodeReply = { id: number; message: PackedReceived } | { id: number; error: string };

/**
 * Self-contained frames (the parts of catch-up batches, see frame-compression.ts) are inflated and
 * decoded on a worker thread: parsing, checking every event against its schema, canonical bodies
 * and hashes take as long as storing them, and on a worker they overlap with the main thread storing
 * the batch before. Live frames are a few events and stay on the main thread, where they cost no hop.
 */

/** The worker is built as its own file beside this module's bundle; run from source (the tests' sim) there is none. */
const WORKER_FILE = new URL('./decode-worker.js', import.meta.url);

let worker: Worker | null = null;
let unavailable = !existsSync(fileURLToPath(WORKER_FILE));
let nextId = 0;
const pending = new Map<number, { resolve(message: Received): void; reject(error: Error): void }>();

function failAll(error: Error): void {
  for (const job of pending.values()) job.reject(error);
  pending.clear();
}

function start(): Worker {
  // A young generation that holds a whole batch's objects: with V8's default the worker spends a third of its time collecting.
  const w = new Worker(WORKER_FILE, { resourceLimits: { maxYoungGenerationSizeMb: 64 } });
  w.on('message', (reply: DecodeReply) => {
    const job = pending.get(reply.id);
    if (!job) return;
    pending.delete(reply.id);
    if ('error' in reply) job.reject(new ProtocolError(reply.error));
    else job.resolve(unpack(reply.message));
  });
  // A worker that cannot start or dies fails its frames (their links close and redial) and is not used again.
  const stop = (error: Error) => {
    unavailable = true;
    worker = null;
    failAll(error);
  };
  w.on('error', stop);
  w.on('exit', () => stop(new Error('the decode worker stopped')));
  // The desk's process exits when its work is done, worker or not (after the listeners, which would ref it again).
  w.unref();
  return w;
}

/** Inflate and decode a self-contained frame on the worker, or null where there is no worker to use. */
export function decodeOffThread(payload: Buffer): Promise<Received> | null {
  if (unavailable) return null;
  worker ??= start();
  const id = nextId++;
  // Moved to the worker, not copied, when the payload owns its memory (a big frame's does); else a copy that does.
  const owns = payload.byteOffset === 0 && payload.byteLength === payload.buffer.byteLength;
  const bytes = (owns ? payload : new Uint8Array(payload)).buffer as ArrayBuffer;
  return new Promise<Received>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker!.postMessage({ id, payload: bytes } satisfies DecodeRequest, [bytes]);
  });
}
