import { canonicalJson } from '../../../shared/canonical-json';
import { subjectOf } from '../../../shared/event-identity';
import type { LogEvent } from '../../../shared/events';
import { eventHash } from './event-hash';
import { redactedHash } from './redaction';

/** The columns that identify an event and hold its content, the body as canonical JSON text. */
export interface EventColumns {
  desk: string;
  seq: number;
  hlc: string;
  operator: string;
  type: string;
  body: string;
}

/** An event as it will be stored: body as canonical JSON, its subject and content hash worked out. */
export interface PreparedEvent extends EventColumns {
  subject: string;
  hash: string;
  /** Arrived redacted from a purged desk, under the original's hash. */
  redacted: boolean;
}

/**
 * Everything about storing an event that needs no database: pure, so a replication batch can be
 * prepared off the thread that writes it. A caller that has worked out the canonical body and its
 * hash already (a receiver checks them first) passes them in.
 */
export function prepareEvent(e: LogEvent, body = canonicalJson(e.body), hash?: string): PreparedEvent {
  const named = redactedHash(e.body);
  return { desk: e.desk, seq: e.seq, hlc: e.hlc, operator: e.operator, type: e.type, body, subject: subjectOf(e, e.desk), hash: named ?? hash ?? eventHash(e, body), redacted: named !== null };
}
