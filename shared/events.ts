import { z } from 'zod';

/**
 * The event log's vocabulary. Every user action becomes one of these, stamped with the desk that
 * recorded it, that desk's gapless sequence number, a hybrid logical clock and the operator.
 * Bodies are validated with these schemas wherever an event enters a desk (local API, import, sync).
 */

const nib = z.string().regex(/^\d{13}$/);
const regencyCode = z.string().regex(/^63\.\d{2}$/);
export const eventIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}:\d+$/);

export const participantFieldsSchema = z.object({
  nib: nib.nullable(),
  name: z.string().min(1).max(200),
  business: z.string().max(200),
  phone: z.string().regex(/^\+62\d{8,13}$/).nullable(),
  regency: regencyCode.nullable(),
  district: z.string().max(120),
  address: z.string().max(400),
  productType: z.string().max(120),
  productName: z.string().max(400),
});
export type ParticipantFields = z.infer<typeof participantFieldsSchema>;

const source = z.object({ file: z.string().max(260), sheet: z.string().max(120), row: z.number().int().nonnegative() });

export const eventBodySchemas = {
  'event.configured': z.object({
    eventId: z.string().min(8).max(64),
    name: z.string().min(1).max(200),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    venue: z.string().max(200),
    timezone: z.string().min(1).max(64),
    regencies: z.array(z.object({ code: regencyCode, target: z.number().int().nonnegative() })).max(20),
    nibRequired: z.boolean(),
    pin: z.object({ salt: z.string(), hash: z.string() }),
    demo: z.boolean(),
  }),
  'desk.named': z.object({ name: z.string().min(1).max(80) }),
  'operator.signed_in': z.object({ name: z.string().min(1).max(80) }),
  'participant.imported': participantFieldsSchema.extend({
    id: z.string().min(8).max(64),
    source,
    prev: eventIdSchema.nullable(),
  }),
  'participant.registered': participantFieldsSchema.extend({
    id: z.string().min(8).max(64),
    prev: eventIdSchema.nullable(),
  }),
  'participant.edited': participantFieldsSchema.partial().extend({
    id: z.string().min(8).max(64),
    prev: eventIdSchema.nullable(),
  }),
  'checkin.recorded': z.object({
    participant: z.string().min(8).max(64),
    via: z.enum(['search', 'nib', 'qr', 'walkin']),
  }),
  'checkin.voided': z.object({
    participant: z.string().min(8).max(64),
    checkins: z.array(eventIdSchema).min(1).max(100),
    reason: z.string().min(1).max(300),
  }),
  'badge.printed': z.object({
    participant: z.string().min(8).max(64),
    layout: z.enum(['a6', 'cr80', 'thermal58', 'thermal80', 'a4']),
    /** Why a badge was printed again; null for the first print. */
    reason: z.string().min(1).max(300).nullable(),
  }),
  'import.completed': z.object({
    file: z.string().max(260),
    rows: z.number().int().nonnegative(),
    imported: z.number().int().nonnegative(),
    updated: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    warnings: z.number().int().nonnegative(),
  }),
} as const;

export type EventType = keyof typeof eventBodySchemas;
export type EventBody<T extends EventType> = z.infer<(typeof eventBodySchemas)[T]>;
export const EVENT_TYPES = Object.keys(eventBodySchemas) as EventType[];

/** What a desk asks to append; the store adds desk, seq and clock. */
export type NewEvent = { [T in EventType]: { type: T; body: EventBody<T> } }[EventType];

/** A stored, immutable event. */
export type LogEvent = {
  [T in EventType]: { desk: string; seq: number; hlc: string; operator: string; type: T; body: EventBody<T> };
}[EventType];

export function eventId(e: Pick<LogEvent, 'desk' | 'seq'>): string {
  return `${e.desk}:${e.seq}`;
}

/**
 * The entity an event belongs to. Derived state is kept per subject and re-derived from all of a
 * subject's events whenever one arrives, which makes the result independent of arrival order.
 */
export function subjectOf(e: NewEvent | LogEvent, desk: string): string {
  switch (e.type) {
    case 'event.configured':
      return 'event';
    case 'desk.named':
    case 'operator.signed_in':
    case 'import.completed':
      return `desk:${desk}`;
    case 'participant.imported':
    case 'participant.registered':
    case 'participant.edited':
      return `p:${e.body.id}`;
    case 'checkin.recorded':
    case 'checkin.voided':
    case 'badge.printed':
      return `p:${e.body.participant}`;
  }
}

/** Canonical total order: HLC, then desk, then seq. Ties beyond HLC are broken deterministically. */
export function compareEvents(a: LogEvent, b: LogEvent): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.desk !== b.desk) return a.desk < b.desk ? -1 : 1;
  return a.seq - b.seq;
}

export function parseEventBody(type: string, body: unknown): NewEvent | null {
  if (!(type in eventBodySchemas)) return null;
  const parsed = eventBodySchemas[type as EventType].safeParse(body);
  return parsed.success ? ({ type, body: parsed.data } as NewEvent) : null;
}
