import { z } from 'zod';
import { canonicalJson } from '../../../shared/canonical-json';
import { parseEventBody, type LogEvent } from '../../../shared/events';
import { MAX_PLAINTEXT_BYTES } from './frame-codec';
import { eventHash, HASH_CHECK_CHARS } from '../store/event-hash';
import type { StoredEvent } from '../store/event-store';
import { prepareEvent, type PreparedEvent } from '../store/prepared-event';
import { redactedHash } from '../store/redaction';
import { parseRedactedBody } from './redacted-body';

/**
 * What travels inside encrypted frames, validated with zod after decryption: knowing the secret
 * makes a peer trusted to write events, not to crash this desk with malformed data.
 */
const deskId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const vector = z.record(deskId, z.number().int().nonnegative().max(2 ** 31)).refine((v) => Object.keys(v).length <= 10_000);
/** Peer addresses are plain http://host:port URLs; anything else is dropped, not dialled. */
const address = z.string().max(200).regex(/^http:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/);

/**
 * A batch is one transaction and one fsync at the receiver, so catch-up wants few, large ones: up
 * to BATCH_BYTES of JSON or MAX_EVENTS_PER_BATCH events. It travels as several frames of about
 * FRAME_EVENT_BYTES each (all but the last marked `more`), because every step on the way (encoding,
 * sealing, opening, decoding, parsing) is several times faster on 64 KiB than on megabytes at once.
 */
export const MAX_EVENTS_PER_BATCH = 10_000;
export const BATCH_BYTES = 2 * 1024 * 1024;
export const FRAME_EVENT_BYTES = 48 * 1024;
/** What a receiver holds of one batch before storing it: the sender's batch, or one event too big to share a frame. */
export const MAX_BATCH_BYTES = BATCH_BYTES + MAX_PLAINTEXT_BYTES;

export const remoteEventSchema = z.object({
  desk: deskId,
  seq: z.number().int().positive().max(2 ** 31),
  hlc: z.string().regex(/^\d{15}\.\d{6}$/),
  operator: z.string().max(200),
  type: z.string().max(64),
  /** The start of the hash the sender holds the event under (see STORED_JSON in event-store.ts). */
  h: z.string().regex(new RegExp(`^[0-9a-f]{${HASH_CHECK_CHARS}}$`)),
  body: z.unknown(),
});

export const messageSchema = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('hello'),
    desk: deskId,
    name: z.string().max(80),
    vector,
    /** The sender's wall clock, to warn about a skewed desk (its data is accepted all the same). */
    now: z.number().int().nonnegative(),
    addresses: z.array(address).max(32),
  }),
  /** Part of a batch: stored, in one transaction, once the part without `more` arrives. */
  z.object({ t: z.literal('events'), events: z.array(remoteEventSchema).max(MAX_EVENTS_PER_BATCH), more: z.literal(true).optional() }),
  /** An events batch is durably stored: the sender may put another in flight (flow control). */
  z.object({ t: z.literal('got') }),
  /** Everything the sender had for us when the session started has been sent. */
  z.object({ t: z.literal('caughtUp') }),
  /** Answer to caughtUp: the vector after ingesting it all (lets `sync --once` stop safely). */
  z.object({ t: z.literal('ack'), vector }),
  /** The sender's vector grew through someone else: spares us relaying what it already has. */
  z.object({ t: z.literal('vector'), vector }),
]);

export type Message = z.infer<typeof messageSchema>;
export type Hello = Extract<Message, { t: 'hello' }>;
export type Vector = Record<string, number>;
export interface EventId {
  desk: string;
  seq: number;
}
/**
 * A message as the session takes it: events already checked and prepared for the store, those whose
 * body does not match the hash the sender holds them under set apart, with the plaintext's size.
 */
export type Received = Exclude<Message, { t: 'events' }> | { t: 'events'; events: PreparedEvent[]; damaged: EventId[]; more: boolean; bytes: number };

export class ProtocolError extends Error {}

export function decodeMessage(plaintext: Buffer): Message {
  let raw: unknown;
  try {
    raw = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new ProtocolError('message is not JSON');
  }
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) throw new ProtocolError('malformed message');
  return parsed.data;
}

/** Everything about a received frame's plaintext that needs no desk: pure, so it can run off the main thread. */
export function decodeReceived(plaintext: Buffer): Received {
  const message = decodeMessage(plaintext);
  if (message.t !== 'events') return message;
  return { t: 'events', ...checkedEvents(message.events), more: message.more === true, bytes: plaintext.length };
}

const EVENTS_HEAD = '{"t":"events","events":[';
const MORE_HEAD = '{"t":"events","more":true,"events":[';
const EVENTS_TAIL = ']}';
/** A frame's bytes besides its events: each event counts its comma, and the last has none. */
const FRAME_OVERHEAD = MORE_HEAD.length + EVENTS_TAIL.length - 1;

/**
 * One batch of stored events: as many as fit in `batchBytes` (at least one), cut into frames of
 * about `frameBytes`. Each event is already JSON with its canonical body as stored, so nothing is
 * parsed or re-encoded here. Returns the events taken; the rest stay for the next batch.
 */
export function encodeEventBatch(
  source: Iterable<StoredEvent>,
  batchBytes = BATCH_BYTES,
  frameBytes = FRAME_EVENT_BYTES,
): { frames: Buffer[]; events: StoredEvent[] } {
  const events: StoredEvent[] = [];
  const frames: string[][] = [];
  let frame: string[] = [];
  let frameSize = FRAME_OVERHEAD;
  let total = 0;
  for (const e of source) {
    const size = Buffer.byteLength(e.json) + 1;
    if (events.length > 0 && (total + size > batchBytes || events.length === MAX_EVENTS_PER_BATCH)) break;
    if (frame.length > 0 && frameSize + size > frameBytes) {
      frames.push(frame);
      frame = [];
      frameSize = FRAME_OVERHEAD;
    }
    frame.push(e.json);
    events.push(e);
    frameSize += size;
    total += size;
  }
  frames.push(frame);
  const last = frames.length - 1;
  return { frames: frames.map((f, i) => Buffer.from((i < last ? MORE_HEAD : EVENTS_HEAD) + f.join(',') + EVENTS_TAIL)), events };
}

/**
 * Events from another desk, each prepared and re-hashed here: one whose hash does not start as the
 * sender's does was damaged at the sender (its disk, its memory) or on the way there, and is set
 * apart instead of being stored and passed on. A redacted body keeps the original's hash by design
 * (it names it): that is what it is checked against.
 */
export function checkedEvents(events: readonly z.infer<typeof remoteEventSchema>[]): { events: PreparedEvent[]; damaged: EventId[] } {
  const sound: PreparedEvent[] = [];
  const damaged: EventId[] = [];
  for (const e of events) {
    // Hashed before its schema is checked: damage that also breaks the schema is damage (set apart),
    // not a peer sending nonsense (which closes the link).
    const named = redactedHash(e.body);
    const body = named === null ? canonicalJson(e.body) : '';
    const hash = named ?? eventHash(e, body);
    if (!hash.startsWith(e.h)) {
      damaged.push({ desk: e.desk, seq: e.seq });
      continue;
    }
    const event = validEvent(e);
    // Stored and hashed with its body as the origin desk sent it, fields this version does not know
    // included, so every desk holds the same bytes under the same hash whatever its version; only
    // a body marked as redacted is stored as validEvent redacted it again.
    sound.push(named === null ? prepareEvent({ ...event, body: e.body } as LogEvent, body, hash) : prepareEvent(event));
  }
  return { events: sound, damaged };
}

/** An event from elsewhere, with its body checked against the same schemas as a local action. */
export function validEvent(e: z.infer<typeof remoteEventSchema>): LogEvent {
  // A purged desk sends its personal events redacted, under their original hashes.
  const body = redactedHash(e.body) ? parseRedactedBody(e.type, e.body) : parseEventBody(e.type, e.body);
  if (!body) throw new ProtocolError(`invalid ${e.type} event ${e.desk}:${e.seq}`);
  return { desk: e.desk, seq: e.seq, hlc: e.hlc, operator: e.operator, ...body } as LogEvent;
}
