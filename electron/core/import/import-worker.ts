import { parentPort } from 'node:worker_threads';
import { LoketError } from '../../../shared/errors';
import type { NormalizedCertificates } from '../../../shared/import/certificate-list';
import { parseCertificateBytes, type CertificateJob } from './parse-certificates';
import { newParticipantBodies } from './imported-body';
import { countAgainst, inIdOrder, parseBytes, type ParsedList, type ParseJob } from './parse-list';
import { PART_SIZE, type ParseMessage, type ParseReply } from './parse-messages';

/**
 * The import worker's entry (built as its own file beside the core; see worker-channel.ts). One
 * list per worker: a participant list kept here after the dry run until the commit takes its rows
 * or the desk drops it, or a certificate list sent back whole.
 */
const slices: Uint8Array[] = [];
let existing = new Map<string, string>();
let list: ParsedList | null = null;
/** The list's rows as a commit takes them, sorted once. */
let ordered: Pick<ParsedList, 'candidates' | 'ids'> | null = null;
let queue: ParseReply[] = [];
/** The list's file name, which each of its events names as its source. */
let fileName = '';

const send = (reply: ParseReply) => parentPort!.postMessage(reply);

/** Answer in parts, one now and one per "more". */
function answer(parts: ParseReply[]): void {
  queue = parts;
  send(queue.shift()!);
}

/** A read that threw: refused with the LoketError's message, or failed. */
function refusal(error: unknown): ParseReply {
  return error instanceof LoketError ? { kind: 'refused', code: error.code, params: error.params } : { kind: 'failed', message: (error as Error).message };
}

/** How many parts of PART_SIZE the longest of these lists needs. */
const partsFor = (...lists: readonly (readonly unknown[])[]) => Math.ceil(Math.max(...lists.map((l) => l.length)) / PART_SIZE);
/** Part `i` of a list sent in parts. */
const part = <T>(list: readonly T[], i: number): T[] => list.slice(i * PART_SIZE, (i + 1) * PART_SIZE);

async function read(job: ParseJob): Promise<void> {
  fileName = job.fileName;
  try {
    list = await parseBytes(Buffer.concat(slices.splice(0)), job);
  } catch (error) {
    send(refusal(error));
    return;
  }
  const { sheets, rows, nonDataRows, errors, warnings } = list;
  const issues = Array.from({ length: partsFor(errors, warnings) }, (_, i): ParseReply => ({ kind: 'issues', errors: part(errors, i), warnings: part(warnings, i) }));
  answer([{ kind: 'summary', sheets, rows, nonDataRows, valid: list.candidates.length }, ...issues, { kind: 'read' }]);
}

async function readCertificates(job: CertificateJob): Promise<void> {
  let found: NormalizedCertificates;
  try {
    found = await parseCertificateBytes(Buffer.concat(slices.splice(0)), job);
  } catch (error) {
    send(refusal(error));
    return;
  }
  const { rows, candidates, errors, warnings } = found;
  // At least one part, which carries the count of rows.
  const parts = Array.from({ length: Math.max(1, partsFor(candidates, errors, warnings)) }, (_, i): ParseReply => ({
    kind: 'certificates',
    rows,
    candidates: part(candidates, i),
    errors: part(errors, i),
    warnings: part(warnings, i),
  }));
  answer([...parts, { kind: 'read' }]);
}

parentPort!.on('message', (message: ParseMessage) => {
  switch (message.kind) {
    case 'content':
      slices.push(message.bytes);
      return;
    case 'start':
      void read(message.job);
      return;
    case 'start-certificates':
      void readCertificates(message.job);
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
      const candidates = ordered.candidates.slice(message.from, end);
      const ids = ordered.ids.slice(message.from, end);
      send({ kind: 'rows', candidates, ids, bodies: newParticipantBodies(candidates, ids, fileName) });
      return;
    }
    case 'more':
      if (queue.length > 0) send(queue.shift()!);
      return;
  }
});
