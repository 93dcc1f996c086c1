import { parentPort } from 'node:worker_threads';
import { LoketError } from '../../../shared/errors';
import { countAgainst, inIdOrder, parseBytes, type ParsedList, type ParseJob } from './parse-list';
import { PART_SIZE, type ParseMessage, type ParseReply } from './parse-messages';

/**
 * The import worker's entry (built as its own file beside the core; see parse-off-thread.ts). One
 * list per worker, kept here after the dry run until the commit takes its rows or the desk drops it.
 */
const slices: Uint8Array[] = [];
let existing = new Map<string, string>();
let list: ParsedList | null = null;
/** The list's rows as a commit takes them, sorted once. */
let ordered: Pick<ParsedList, 'candidates' | 'ids'> | null = null;
let queue: ParseReply[] = [];

const send = (reply: ParseReply) => parentPort!.postMessage(reply);

/** Answer in parts, one now and one per "more". */
function answer(parts: ParseReply[]): void {
  queue = parts;
  send(queue.shift()!);
}

async function read(job: ParseJob): Promise<void> {
  try {
    list = await parseBytes(Buffer.concat(slices.splice(0)), job);
  } catch (error) {
    send(error instanceof LoketError ? { kind: 'refused', code: error.code, params: error.params } : { kind: 'failed', message: (error as Error).message });
    return;
  }
  const { sheets, rows, nonDataRows, errors, warnings } = list;
  const issues = Array.from({ length: Math.ceil(Math.max(errors.length, warnings.length) / PART_SIZE) }, (_, i): ParseReply => ({
    kind: 'issues',
    errors: errors.slice(i * PART_SIZE, (i + 1) * PART_SIZE),
    warnings: warnings.slice(i * PART_SIZE, (i + 1) * PART_SIZE),
  }));
  answer([{ kind: 'summary', sheets, rows, nonDataRows, valid: list.candidates.length }, ...issues, { kind: 'read' }]);
}

parentPort!.on('message', (message: ParseMessage) => {
  switch (message.kind) {
    case 'content':
      slices.push(message.bytes);
      return;
    case 'start':
      void read(message.job);
      return;
    case 'existing':
      for (const [id, fingerprint] of message.entries) existing.set(id, fingerprint);
      return;
    case 'count':
      send({ kind: 'counts', ...countAgainst(list!, existing) });
      existing = new Map();
      return;
    case 'rows': {
      ordered ??= inIdOrder(list!);
      const end = message.from + message.count;
      send({ kind: 'rows', candidates: ordered.candidates.slice(message.from, end), ids: ordered.ids.slice(message.from, end) });
      return;
    }
    case 'more':
      if (queue.length > 0) send(queue.shift()!);
      return;
  }
});
