import { compareEvents, eventId } from './event-identity';
import type { EventBody, LogEvent } from './events';

/**
 * A certificate's state as a pure function of its events. A handover stands unless voided or
 * dropped by an organizer's resolution; two standing handovers are a conflict, the same on every
 * desk, until an organizer keeps one of them with an explicit `conflict.resolved` event.
 */
export interface HandoverRecord {
  id: string;
  hlc: string;
  desk: string;
  operator: string;
  participant: string;
  recipient: EventBody<'certificate.handed_over'>['recipient'];
  signature: string | null;
  photo: string | null;
  overrideReason: string | null;
}

export interface CertificateState {
  id: string;
  participant: string;
  number: string;
  products: string[];
  issueDate: string | null;
  /** As listed: not yet issued, or in the boxes at the event. */
  listed: 'belum_terbit' | 'tersedia';
  status: 'belum_terbit' | 'tersedia' | 'diserahkan';
  source: { file: string; sheet: string; row: number } | null;
  lastWrite: string;
  /** Standing handovers, earliest first. */
  handovers: HandoverRecord[];
  /** Every handover ever recorded (including voided and dropped ones), for the audit trail. */
  history: { id: string; hlc: string; desk: string; operator: string; action: string; detail: string }[];
  conflict: boolean;
}

export function foldCertificate(input: readonly LogEvent[]): CertificateState | null {
  const events = [...input].sort(compareEvents);
  let latest: Extract<LogEvent, { type: 'certificate.added' }> | null = null;
  const removed = new Set<string>();
  const all: HandoverRecord[] = [];
  const history: CertificateState['history'] = [];
  for (const e of events) {
    const base = { id: eventId(e), hlc: e.hlc, desk: e.desk, operator: e.operator };
    switch (e.type) {
      case 'certificate.added':
        latest = e;
        history.push({ ...base, action: e.type, detail: e.body.number });
        break;
      case 'certificate.handed_over':
        all.push({ ...base, participant: e.body.participant, recipient: e.body.recipient, signature: e.body.signature, photo: e.body.photo, overrideReason: e.body.overrideReason });
        history.push({ ...base, action: e.type, detail: e.body.recipient.name });
        break;
      case 'certificate.handover_voided':
        for (const id of e.body.handovers) removed.add(id);
        history.push({ ...base, action: e.type, detail: e.body.reason });
        break;
      case 'conflict.resolved':
        for (const id of e.body.drop) if (id !== e.body.keep) removed.add(id);
        history.push({ ...base, action: e.type, detail: e.body.reason });
        break;
      default:
        break;
    }
  }
  if (!latest) return null;
  const handovers = all.filter((h) => !removed.has(h.id));
  return {
    id: latest.body.id,
    participant: latest.body.participant,
    number: latest.body.number,
    products: latest.body.products,
    issueDate: latest.body.issueDate,
    listed: latest.body.status,
    status: handovers.length > 0 ? 'diserahkan' : latest.body.status,
    source: latest.body.source,
    lastWrite: eventId(latest),
    handovers,
    history,
    conflict: handovers.length > 1,
  };
}
