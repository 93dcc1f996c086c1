import { parentPort } from 'node:worker_threads';
import { QR_CHUNK, qrPath } from './qr-vector';

/** The QR worker's entry (built as its own file beside the core; see qr-off-thread.ts): a batch's codes in, their paths out in chunks. */
parentPort!.once('message', (codes: string[]) => {
  for (let at = 0; at < codes.length; at += QR_CHUNK) {
    const paths = codes.slice(at, at + QR_CHUNK).map(qrPath);
    // Moved, not copied.
    parentPort!.postMessage(paths, paths.map((p) => p.path.buffer as ArrayBuffer));
  }
});
