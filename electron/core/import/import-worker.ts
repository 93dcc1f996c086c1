import { parentPort } from 'node:worker_threads';
import { LoketError } from '../../../shared/errors';
import type { ParseReply } from './parse-messages';
import { PART_SIZE } from './parse-messages';
import { parseList, type ParseRequest } from './parse-list';

/** The import worker's entry (built as its own file beside the core; see parse-off-thread.ts). One list per worker. */
parentPort!.once('message', async (request: ParseRequest) => {
  const send = (reply: ParseReply) => parentPort!.postMessage(reply);
  try {
    const list = await parseList(request);
    for (let i = 0; i < list.candidates.length; i += PART_SIZE) {
      send({ kind: 'candidates', candidates: list.candidates.slice(i, i + PART_SIZE), ids: list.ids.slice(i, i + PART_SIZE) });
    }
    for (let i = 0; i < Math.max(list.errors.length, list.warnings.length); i += PART_SIZE) {
      send({ kind: 'issues', errors: list.errors.slice(i, i + PART_SIZE), warnings: list.warnings.slice(i, i + PART_SIZE) });
    }
    send({ kind: 'done', sheets: list.sheets, rows: list.rows, nonDataRows: list.nonDataRows });
  } catch (error) {
    send(error instanceof LoketError ? { kind: 'refused', code: error.code, params: error.params } : { kind: 'failed', message: (error as Error).message });
  }
});
