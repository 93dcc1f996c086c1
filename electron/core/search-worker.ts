import { parentPort } from 'node:worker_threads';
import { buildIndex } from '../../shared/search';
import type { SearchBuildRequest } from './search-off-thread';

/** The search index worker's entry (built as its own file beside the core; see search-off-thread.ts). */
parentPort!.once('message', ({ texts, namesEnd }: SearchBuildRequest) => {
  const built = buildIndex({ texts: texts.split('\n'), namesEnd });
  // Moved back, not copied: the arrays are the index.
  parentPort!.postMessage(built, [built.starts.buffer, built.postings.buffer, built.wordStarts.buffer, built.wordSlots.buffer]);
});
