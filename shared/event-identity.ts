import type { LogEvent, NewEvent } from './events';

/**
 * An event's identity, subject and place in the log's order: what every reader of the log needs,
 * apart from the schemas in events.ts that check events where they enter (so a desk that only reads,
 * such as `loket status`, does not load them).
 */

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
    case 'event.retention_set':
      return 'event';
    case 'desk.named':
    case 'operator.signed_in':
    case 'import.completed':
    case 'desk.closed':
    case 'desk.restored':
    case 'desk.purged':
      return `desk:${desk}`;
    case 'certificate.added':
      return `c:${e.body.id}`;
    case 'certificate.handed_over':
    case 'certificate.handover_voided':
    case 'conflict.resolved':
      return `c:${e.body.certificate}`;
    case 'participant.imported':
    case 'participant.registered':
    case 'participant.edited':
      return `p:${e.body.id}`;
    case 'checkin.recorded':
    case 'checkin.voided':
    case 'badge.printed':
    case 'badge.generated':
      return `p:${e.body.participant}`;
  }
}

/** Canonical total order: HLC, then desk, then seq. Ties beyond HLC are broken deterministically. */
export function compareEvents(a: LogEvent, b: LogEvent): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.desk !== b.desk) return a.desk < b.desk ? -1 : 1;
  return a.seq - b.seq;
}
