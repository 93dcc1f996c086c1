import { createHash, hash } from 'node:crypto';
import type { LogEvent } from '../../../shared/events';

/**
 * The content hash that identifies an event's bytes: the same on every desk that holds it.
 * `body` is the event body as canonical JSON, computed once by the caller and stored as is.
 */
export function eventHash(e: Pick<LogEvent, 'desk' | 'seq' | 'hlc' | 'operator'> & { type: string }, body: string): string {
  // One-shot: a catch-up hashes 100k events, and a hash object per event costs as much as the hashing.
  return hash('sha256', `${JSON.stringify([e.desk, e.seq, e.hlc, e.operator, e.type])}\n${body}`);
}

/** How much of an event's hash travels with it (hex characters: 64 bits), for the receiver to check against its own. */
export const HASH_CHECK_CHARS = 16;

/** An order-independent digest of a set of events: the hash of their sorted hashes. */
export function setDigest(hashes: Iterable<string>): string {
  const h = createHash('sha256');
  for (const hash of [...hashes].sort()) h.update(hash);
  return h.digest('hex');
}
