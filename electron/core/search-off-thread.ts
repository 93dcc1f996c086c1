import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BuiltIndex, SearchIndex } from '../../shared/search';

/** What the worker is sent: every slot's text in one string (one a line) and where its names end. */
export type SearchBuildRequest = ReturnType<SearchIndex['buildInput']>;

/**
 * Below this many participants the index is built where it is asked for, at once: at 10,000 that
 * takes under 0.1 s, and searches at once use it.
 */
export const OFFLOAD_SLOTS = 20_000;

/** Built as its own file beside this module's bundle; run from source (unit tests) there is none. */
const WORKER_FILE = new URL('./search-worker.js', import.meta.url);

/**
 * Have `index` (made with `build: false`) built on a worker thread: its searches read every text
 * until the arrays arrive, and the desk's thread goes on answering meanwhile. Where there is no
 * worker to use, or the index is small, it is built here and now; a worker that fails leaves the
 * build to this thread too. Returns a function that stops the worker (the index was dropped).
 */
export function buildOffThread(index: SearchIndex, workerFile: URL = WORKER_FILE): () => void {
  if (index.size < OFFLOAD_SLOTS || !existsSync(fileURLToPath(workerFile))) {
    index.build();
    return () => {};
  }
  const worker = new Worker(workerFile);
  let settled = false;
  const settle = (then: () => void) => {
    if (settled) return;
    settled = true;
    then();
    void worker.terminate();
  };
  worker.once('message', (built: BuiltIndex) => settle(() => index.install(built)));
  worker.once('error', () => settle(() => index.build()));
  worker.once('exit', () => settle(() => index.build()));
  // A command that searched once and is done does not wait for the index it no longer needs.
  worker.unref();
  const request: SearchBuildRequest = index.buildInput();
  worker.postMessage(request, [request.namesEnd.buffer]);
  return () => settle(() => {});
}
