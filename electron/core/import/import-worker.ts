import { parentPort } from 'node:worker_threads';
import { LoketError } from '../../../shared/errors';
import { parseBytes, type ParseJob } from './parse-list';
import { PART_SIZE, type ParseMessage, type ParseReply } from './parse-messages';

/** The import worker's entry (built as its own file beside the core; see parse-off-thread.ts). One list per worker. */
const slices: Buffer[] = [];
let replies: ParseReply[] = [];

function next(): void {
  const reply = replies.shift();
  if (reply) parentPort!.postMessage(reply);
}

async function answer(job: ParseJob): Promise<ParseReply[]> {
  try {
    const list = await parseBytes(Buffer.concat(slices.splice(0)), job);
    const parts: ParseReply[] = [];
    for (let i = 0; i < list.candidates.length; i += PART_SIZE) {
      parts.push({ kind: 'candidates', candidates: list.candidates.slice(i, i + PART_SIZE), ids: list.ids.slice(i, i + PART_SIZE) });
    }
    for (let i = 0; i < Math.max(list.errors.length, list.warnings.length); i += PART_SIZE) {
      parts.push({ kind: 'issues', errors: list.errors.slice(i, i + PART_SIZE), warnings: list.warnings.slice(i, i + PART_SIZE) });
    }
    parts.push({ kind: 'done', sheets: list.sheets, rows: list.rows, nonDataRows: list.nonDataRows });
    return parts;
  } catch (error) {
    return [error instanceof LoketError ? { kind: 'refused', code: error.code, params: error.params } : { kind: 'failed', message: (error as Error).message }];
  }
}

parentPort!.on('message', (message: ParseMessage) => {
  if (message.kind === 'content') slices.push(Buffer.from(message.base64, 'base64'));
  else if (message.kind === 'more') next();
  else
    void answer(message.job).then((parts) => {
      replies = parts;
      next();
    });
});
