import { on } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { QR_CHUNK, qrPath, type QrPath } from './qr-vector';

/**
 * Below this many codes they are encoded where they are drawn: the worker takes about 70 ms to
 * start, as long as encoding 100 codes.
 */
export const OFFLOAD_CODES = 100;

/** Built as its own file beside this module's bundle; run from source (unit tests) there is none. */
const WORKER_FILE = new URL('./qr-worker.js', import.meta.url);

/**
 * The codes' QR paths, in order, QR_CHUNK at a time. A batch of 1000 badges spent 40% of its time
 * encoding QR codes (qrcode tries all eight masks on each), so a large batch has them encoded on
 * a worker thread while this one draws the badges whose codes arrived. Where there is no worker,
 * or when it fails, the codes not yet encoded are encoded here. The worker is stopped when the
 * caller stops iterating, whichever way.
 */
export async function* qrPathsOffThread(codes: readonly string[], workerFile: URL = WORKER_FILE): AsyncGenerator<QrPath[]> {
  let done = 0;
  if (codes.length >= OFFLOAD_CODES && existsSync(fileURLToPath(workerFile))) {
    const worker = new Worker(workerFile);
    try {
      // Ends when the worker exits; throws what it threw.
      const replies = on(worker, 'message', { close: ['exit'] }) as AsyncIterableIterator<[QrPath[]]>;
      worker.postMessage(codes);
      for await (const [paths] of replies) {
        done += paths.length;
        yield paths;
        if (done === codes.length) break;
      }
    } catch {
      // The worker failed: what it did not send is encoded below.
    } finally {
      void worker.terminate();
    }
  }
  for (; done < codes.length; done += QR_CHUNK) yield codes.slice(done, done + QR_CHUNK).map(qrPath);
}
