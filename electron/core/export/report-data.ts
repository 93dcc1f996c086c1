import { regencyByCode } from '../../../shared/domain/regency';
import { compareEvents, eventId } from '../../../shared/event-identity';
import type { LogEvent } from '../../../shared/events';
import type { EventConfig, ParticipantState } from '../../../shared/fold';
import type { CertificateState, HandoverRecord } from '../../../shared/fold-certificate';
import type { Desk } from '../desk';

export interface RegencyTotals {
  code: string;
  name: string;
  target: number;
  registered: number;
  present: number;
  walkIns: number;
  /** Issued certificates at the event: handed over or still in the boxes. */
  issued: number;
  handedOwner: number;
  handedRepresentative: number;
  notHanded: number;
  notIssued: number;
}

export interface HandoverLine {
  certificate: CertificateState;
  participant: ParticipantState | undefined;
  handover: HandoverRecord;
}

export interface ConflictLine {
  certificate: CertificateState;
  participant: ParticipantState | undefined;
  /** Every competing handover (standing or dropped), earliest first. */
  competing: Extract<LogEvent, { type: 'certificate.handed_over' }>[];
  resolution: Extract<LogEvent, { type: 'conflict.resolved' }> | null;
}

/** Everything the workbook, the CSVs and the PDFs show, gathered once and in a fixed order. */
export interface ReportData {
  event: EventConfig;
  /** Canonical order: the log sheet and the digest agree on it. */
  events: LogEvent[];
  participants: ParticipantState[];
  certificatesOf: Map<string, CertificateState[]>;
  present: ParticipantState[];
  walkIns: { p: ParticipantState; registration: Extract<LogEvent, { type: 'participant.registered' }> | undefined }[];
  handovers: HandoverLine[];
  conflicts: ConflictLine[];
  regencies: RegencyTotals[];
  deskName: (id: string) => string;
}

const UNKNOWN = '';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function firstCheckin(p: ParticipantState): string {
  return p.checkins[0]?.hlc ?? '';
}

export function collectReport(desk: Desk): ReportData {
  desk.refresh();
  const event = desk.requireEvent();
  const events = [...desk.store.all()].sort(compareEvents);
  // Sorting by stable keys (and the opaque ID last) gives the same rows on every desk holding the same events.
  const participants = [...desk.view.all()].sort((a, b) => byText(a.regency ?? '99', b.regency ?? '99') || a.name.localeCompare(b.name, 'id') || byText(a.id, b.id));
  const byId = new Map(participants.map((p) => [p.id, p]));
  const certificates = [...desk.certificates.all()].sort((a, b) => byText(a.number, b.number) || byText(a.id, b.id));
  const certificatesOf = new Map<string, CertificateState[]>();
  for (const c of certificates) {
    const group = certificatesOf.get(c.participant);
    if (group) group.push(c);
    else certificatesOf.set(c.participant, [c]);
  }

  const handedOver = new Map<string, Extract<LogEvent, { type: 'certificate.handed_over' }>>();
  const resolutions = new Map<string, Extract<LogEvent, { type: 'conflict.resolved' }>[]>();
  const registrations = new Map<string, Extract<LogEvent, { type: 'participant.registered' }>>();
  for (const e of events) {
    if (e.type === 'certificate.handed_over') handedOver.set(eventId(e), e);
    else if (e.type === 'conflict.resolved') resolutions.set(e.body.certificate, [...(resolutions.get(e.body.certificate) ?? []), e]);
    else if (e.type === 'participant.registered' && !registrations.has(e.body.id)) registrations.set(e.body.id, e);
  }

  const conflicts: ConflictLine[] = [];
  for (const c of certificates) {
    const participant = byId.get(c.participant);
    for (const resolution of resolutions.get(c.id) ?? []) {
      const ids = [resolution.body.keep, ...resolution.body.drop.filter((id) => id !== resolution.body.keep)];
      const competing = ids.map((id) => handedOver.get(id)).filter((e) => e !== undefined).sort(compareEvents);
      conflicts.push({ certificate: c, participant, competing, resolution });
    }
    if (c.conflict) conflicts.push({ certificate: c, participant, competing: c.handovers.map((h) => handedOver.get(h.id)!).filter(Boolean), resolution: null });
  }

  return {
    event,
    events,
    participants,
    certificatesOf,
    present: participants.filter((p) => p.checkins.length > 0).sort((a, b) => byText(firstCheckin(a), firstCheckin(b)) || byText(a.id, b.id)),
    walkIns: participants
      .filter((p) => p.walkIn)
      .sort((a, b) => byText(a.createdHlc, b.createdHlc) || byText(a.id, b.id))
      .map((p) => ({ p, registration: registrations.get(p.id) })),
    handovers: certificates
      .flatMap((certificate) => certificate.handovers.map((handover) => ({ certificate, participant: byId.get(certificate.participant), handover })))
      .sort((a, b) => byText(a.handover.hlc, b.handover.hlc) || byText(a.handover.id, b.handover.id)),
    conflicts,
    regencies: regencyTotals(event, participants, certificates, byId),
    deskName: (id) => desk.deskName(id),
  };
}

function regencyTotals(event: EventConfig, participants: readonly ParticipantState[], certificates: readonly CertificateState[], byId: Map<string, ParticipantState>): RegencyTotals[] {
  const rows = new Map<string, RegencyTotals>();
  const row = (code: string): RegencyTotals => {
    let r = rows.get(code);
    if (!r) {
      r = { code, name: code === UNKNOWN ? 'Tidak diketahui' : (regencyByCode(code)?.name ?? code), target: 0, registered: 0, present: 0, walkIns: 0, issued: 0, handedOwner: 0, handedRepresentative: 0, notHanded: 0, notIssued: 0 };
      rows.set(code, r);
    }
    return r;
  };
  for (const r of event.regencies) row(r.code).target = r.target;
  for (const p of participants) {
    const r = row(p.regency ?? UNKNOWN);
    r.registered++;
    if (p.checkins.length > 0) r.present++;
    if (p.walkIn) r.walkIns++;
  }
  for (const c of certificates) {
    const r = row(byId.get(c.participant)?.regency ?? UNKNOWN);
    // Counted as certificate-stock.ts counts them: by the first standing handover.
    const first = c.handovers[0];
    if (first) {
      r.issued++;
      if (first.recipient.kind === 'owner') r.handedOwner++;
      else r.handedRepresentative++;
    } else if (c.status === 'belum_terbit') r.notIssued++;
    else {
      r.issued++;
      r.notHanded++;
    }
  }
  return [...rows.values()].sort((a, b) => byText(a.code || '99', b.code || '99'));
}
