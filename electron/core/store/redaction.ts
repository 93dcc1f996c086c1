/**
 * What a purge removes from an event body. The log is append-only and replicated, so a purge cannot
 * delete events without breaking every desk's version vector and digest; instead each event that
 * carries personal data keeps its place, identity and hash, and its body loses the personal fields
 * (name, NIB, phone, business, address, recipient, signature, photo). What the counts need stays:
 * participant IDs, regency, walk-in, check-ins and their voids, certificates and their handovers.
 *
 * A redacted body names the hash of the original in `redacted`, so a desk that receives the
 * redacted copy stores it under the same hash: digests stay equal across desks, and the original
 * arriving later from an unpurged desk is a duplicate, not an integrity alarm.
 */

export const REDACTED_KEY = 'redacted';

type Body = Record<string, unknown>;

const PARTICIPANT_TEXT = ['name', 'business', 'district', 'address', 'productName'] as const;
const PARTICIPANT_NULL = ['nib', 'phone', 'nik'] as const;

function redactParticipant(body: Body): Body {
  const out: Body = { ...body };
  // An edit carries only the fields it changed; a field it left out stays out.
  for (const key of PARTICIPANT_TEXT) if (key in out) out[key] = '';
  for (const key of PARTICIPANT_NULL) if (key in out) out[key] = null;
  return out;
}

function redactHandover(body: Body): Body {
  const recipient = body.recipient as Body;
  return {
    ...body,
    recipient: { ...recipient, name: '', relationship: null, idNumberMasked: null },
    signature: null,
    photo: null,
  };
}

/** The redacted body for an event, or null when the event holds no personal data. */
export function redactBody(type: string, body: unknown, hash: string): Body | null {
  const b = body as Body;
  if (REDACTED_KEY in b) return null;
  switch (type) {
    case 'participant.imported':
    case 'participant.registered':
    case 'participant.edited':
      return { ...redactParticipant(b), [REDACTED_KEY]: hash };
    case 'certificate.handed_over':
      return { ...redactHandover(b), [REDACTED_KEY]: hash };
    default:
      return null;
  }
}

/** The original hash a redacted body names, or null for an ordinary body. */
export function redactedHash(body: unknown): string | null {
  const value = (body as Body | null)?.[REDACTED_KEY];
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? value : null;
}

/** Event types that can hold personal data: what a purge scans and what counts as "new data since the export". */
export const PERSONAL_EVENT_TYPES = ['participant.imported', 'participant.registered', 'participant.edited', 'certificate.handed_over'] as const;
