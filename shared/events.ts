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
  /** Only where the ministry requires it (UU PDP minimisation); absent from most events. */
  nik: z.string().regex(/^\d{16}$/).nullable().optional(),
});
export type ParticipantFields = z.infer<typeof participantFieldsSchema>;

const recipientSchema = z.object({
  kind: z.enum(['owner', 'representative']),
  name: z.string().min(1).max(200),
  relationship: z.string().max(80).nullable(),
  /** Only the masked form of the representative's ID number is ever stored ("6371********0001"). */
  idNumberMasked: z.string().max(40).nullable(),
  letterShown: z.boolean(),
});

const signatorySchema = z.object({ name: z.string().min(1).max(200), nip: z.string().max(40), position: z.string().max(200) });
export type Signatory = z.infer<typeof signatorySchema>;

const source = z.object({ file: z.string().max(260), sheet: z.string().max(120), row: z.number().int().nonnegative() });

/**
 * The organizer PIN's scrypt cost, stored with its hash (absent in older logs: N = 2^14, r = 8, p = 1).
 * Bounded, because every desk verifies with what the event says: at most 256 MiB per check.
 */
const pinKdfSchema = z
  .object({ alg: z.literal('scrypt'), n: z.number().int().min(1024).max(2 ** 20), r: z.number().int().min(1).max(16), p: z.number().int().min(1).max(4) })
  .refine((k) => (k.n & (k.n - 1)) === 0 && 128 * k.n * k.r <= 256 * 2 ** 20, 'scrypt cost out of range');
export type PinKdf = z.infer<typeof pinKdfSchema>;
const storedPinSchema = z.object({ salt: z.string(), hash: z.string(), kdf: pinKdfSchema.optional() });
export type StoredPin = z.infer<typeof storedPinSchema>;

export const eventBodySchemas = {
  'event.configured': z.object({
    eventId: z.string().min(8).max(64),
    name: z.string().min(1).max(200),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    venue: z.string().max(200),
    timezone: z.string().min(1).max(64),
    regencies: z.array(z.object({ code: regencyCode, target: z.number().int().nonnegative() })).max(20),
    nibRequired: z.boolean(),
    pin: storedPinSchema,
    demo: z.boolean(),
    /** Who signs the BAST as PIHAK PERTAMA (the first) and "Mengetahui" on the Daftar Hadir; optional so older logs stay valid. */
    signatories: z.array(signatorySchema).min(1).max(4).optional(),
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
  /**
   * The badge went into a batch PDF for printing before the day. Not a print: nobody knows whether
   * that PDF was printed, so the desk and the kiosk still print this participant's badge unasked.
   */
  'badge.generated': z.object({
    participant: z.string().min(8).max(64),
    layout: z.enum(['a6', 'cr80', 'thermal58', 'thermal80', 'a4']),
  }),
  'certificate.added': z.object({
    id: z.string().min(8).max(64),
    participant: z.string().min(8).max(64),
    /** Empty for a certificate not issued yet. */
    number: z.string().max(40),
    products: z.array(z.string().max(200)).max(50),
    issueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    status: z.enum(['belum_terbit', 'tersedia']),
    source: source.nullable(),
    prev: eventIdSchema.nullable(),
  }),
  'certificate.handed_over': z.object({
    certificate: z.string().min(8).max(64),
    participant: z.string().min(8).max(64),
    recipient: recipientSchema,
    /** The drawn signature as an SVG path in a 1000×400 box: small, and it survives export. */
    signature: z.string().max(40_000).nullable(),
    /** An optional small JPEG data URL from the webcam. */
    photo: z.string().max(120_000).nullable(),
    /** Set when an organizer let a certificate be handed over again. */
    overrideReason: z.string().min(1).max(300).nullable(),
  }),
  'certificate.handover_voided': z.object({
    certificate: z.string().min(8).max(64),
    handovers: z.array(eventIdSchema).min(1).max(20),
    reason: z.string().min(1).max(300),
  }),
  'conflict.resolved': z.object({
    certificate: z.string().min(8).max(64),
    keep: eventIdSchema,
    /** The competing handovers the organizer saw; one made later elsewhere is not dropped unseen. */
    drop: z.array(eventIdSchema).min(1).max(20),
    reason: z.string().min(1).max(300),
  }),
  'desk.closed': z.object({ handedOver: z.number().int().nonnegative(), inStock: z.number().int().nonnegative() }),
  /** This desk's database came from a backup of another desk ID: the audit trail of a restore. */
  'desk.restored': z.object({
    fromDesk: z.string().min(8).max(64),
    backupFile: z.string().max(260),
    /** The backup's last own event seen; events the old desk sent after it come back through sync. */
    fromSeq: z.number().int().nonnegative(),
  }),
  /**
   * The organizer destroyed this desk's copy of personal data after the export; counts stay.
   * `redacted` events had their personal fields removed in place (see electron/core/store/redaction.ts).
   */
  'desk.purged': z.object({
    redacted: z.number().int().nonnegative(),
    participants: z.number().int().nonnegative(),
    checkedIn: z.number().int().nonnegative(),
    /** The log position of the export the purge came after. */
    exportedAt: z.number().int().nonnegative(),
  }),
  /** When the personal data must be destroyed (UU PDP Pasal 44); the organizer is reminded after it. */
  'event.retention_set': z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  'import.completed': z.object({
    /** Absent on participant imports. */
    what: z.enum(['participants', 'certificates']).optional(),
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

export function parseEventBody(type: string, body: unknown): NewEvent | null {
  if (!Object.hasOwn(eventBodySchemas, type)) return null;
  const parsed = eventBodySchemas[type as EventType].safeParse(body);
  return parsed.success ? ({ type, body: parsed.data } as NewEvent) : null;
}
