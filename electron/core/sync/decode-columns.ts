import type { PreparedEvent } from '../store/prepared-event';
import type { EventId, Received } from './messages';

/**
 * A decoded message as it crosses from the decode worker to the main thread. An events batch goes
 * as one array per field: the structured clone of thousands of small objects costs the main thread
 * several times more than the strings and numbers they hold.
 */
export type PackedReceived = Exclude<Received, { t: 'events' }> | { t: 'events'; columns: EventColumns; damaged: EventId[]; more: boolean; bytes: number };

interface EventColumns {
  desk: string[];
  seq: number[];
  hlc: string[];
  operator: string[];
  type: string[];
  body: string[];
  subject: string[];
  hash: string[];
  redacted: boolean[];
}

export function pack(message: Received): PackedReceived {
  if (message.t !== 'events') return message;
  const e = message.events;
  return {
    t: 'events',
    more: message.more,
    bytes: message.bytes,
    damaged: message.damaged,
    columns: {
      desk: e.map((x) => x.desk),
      seq: e.map((x) => x.seq),
      hlc: e.map((x) => x.hlc),
      operator: e.map((x) => x.operator),
      type: e.map((x) => x.type),
      body: e.map((x) => x.body),
      subject: e.map((x) => x.subject),
      hash: e.map((x) => x.hash),
      redacted: e.map((x) => x.redacted),
    },
  };
}

export function unpack(message: PackedReceived): Received {
  if (message.t !== 'events') return message;
  const c = message.columns;
  const events: PreparedEvent[] = c.desk.map((desk, i) => ({
    desk,
    seq: c.seq[i]!,
    hlc: c.hlc[i]!,
    operator: c.operator[i]!,
    type: c.type[i]!,
    body: c.body[i]!,
    subject: c.subject[i]!,
    hash: c.hash[i]!,
    redacted: c.redacted[i]!,
  }));
  return { t: 'events', events, damaged: message.damaged, more: message.more, bytes: message.bytes };
}
