import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonical-json';
import type { LogEvent } from '../../../shared/events';

/** The content hash that identifies an event's bytes: the same on every desk that holds it. */
export function eventHash(e: LogEvent): string {
  return createHash('sha256')
    .update(canonicalJson([e.desk, e.seq, e.hlc, e.operator, e.type, e.body]))
    .digest('hex');
}

/** An order-independent digest of a set of events: the hash of their sorted hashes. */
export function setDigest(hashes: Iterable<string>): string {
  const h = createHash('sha256');
  for (const hash of [...hashes].sort()) h.update(hash);
  return h.digest('hex');
}
