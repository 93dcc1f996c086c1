import { parseEventBody, type NewEvent } from '../../../shared/events';
import { PERSONAL_EVENT_TYPES, redactBody, redactedHash } from '../store/redaction';

type Body = Record<string, unknown>;

/** The one required text each personal event type blanks; a placeholder stands in for it while the schema checks the rest. */
function withPlaceholders(type: string, body: Body): Body {
  if (type === 'certificate.handed_over') return { ...body, recipient: { ...(body.recipient as Body), name: '-' } };
  return 'name' in body ? { ...body, name: '-' } : body;
}

/**
 * A redacted body from another desk (a purged desk syncing on). It must be a personal event type,
 * name the original's hash, and otherwise pass the event's own schema; it is then redacted again
 * here, so personal data smuggled into a body marked as redacted is never stored.
 */
export function parseRedactedBody(type: string, body: unknown): NewEvent | null {
  const hash = redactedHash(body);
  if (!hash || !(PERSONAL_EVENT_TYPES as readonly string[]).includes(type)) return null;
  const parsed = parseEventBody(type, withPlaceholders(type, body as Body));
  const redacted = parsed && redactBody(type, parsed.body, hash);
  return redacted ? ({ type, body: redacted } as NewEvent) : null;
}
