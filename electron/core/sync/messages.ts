import { z } from 'zod';
import { parseEventBody, type LogEvent } from '../../../shared/events';

/**
 * What travels inside encrypted frames, validated with zod after decryption: knowing the secret
 * makes a peer trusted to write events, not to crash this desk with malformed data.
 */
const deskId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const vector = z.record(deskId, z.number().int().nonnegative().max(2 ** 31)).refine((v) => Object.keys(v).length <= 10_000);
/** Peer addresses are plain http://host:port URLs; anything else is dropped, not dialled. */
const address = z.string().max(200).regex(/^http:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/);

export const MAX_EVENTS_PER_BATCH = 500;

export const remoteEventSchema = z.object({
  desk: deskId,
  seq: z.number().int().positive().max(2 ** 31),
  hlc: z.string().regex(/^\d{15}\.\d{6}$/),
  operator: z.string().max(200),
  type: z.string().max(64),
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
  z.object({ t: z.literal('events'), events: z.array(remoteEventSchema).max(MAX_EVENTS_PER_BATCH) }),
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

/** An event from elsewhere, with its body checked against the same schemas as a local action. */
export function validEvent(e: z.infer<typeof remoteEventSchema>): LogEvent {
  const body = parseEventBody(e.type, e.body);
  if (!body) throw new ProtocolError(`invalid ${e.type} event ${e.desk}:${e.seq}`);
  return { desk: e.desk, seq: e.seq, hlc: e.hlc, operator: e.operator, ...body } as LogEvent;
}
