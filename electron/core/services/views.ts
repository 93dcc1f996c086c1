import type { BadgePrintView, CheckinView, ParticipantDetail, ParticipantSummary } from '../../../shared/api';
import { compareEvents } from '../../../shared/event-identity';
import type { LogEvent } from '../../../shared/events';
import type { BadgePrint, ParticipantState } from '../../../shared/fold';
import { hlcWall } from '../../../shared/hlc';
import { maskNik } from '../../../shared/domain/nik';
import { regencyByCode } from '../../../shared/domain/regency';
import type { Desk } from '../desk';

/** Shapes the folded state into what the screens and the CLI show. */

export function toSummary(desk: Desk, p: ParticipantState): ParticipantSummary {
  const first = p.checkins[0];
  const checkin: CheckinView | null = first
    ? { id: first.id, at: hlcWall(first.hlc), desk: first.desk, deskName: desk.deskName(first.desk), operator: first.operator, via: first.via }
    : null;
  return {
    id: p.id,
    nib: p.nib,
    name: p.name,
    business: p.business,
    regency: p.regency,
    regencyName: p.regency ? (regencyByCode(p.regency)?.name ?? p.regency) : null,
    phone: p.phone,
    walkIn: p.walkIn,
    present: p.checkins.length > 0,
    checkin,
  };
}

export function toDetail(desk: Desk, p: ParticipantState): ParticipantDetail {
  const history = desk.store
    .subjectEvents(`p:${p.id}`)
    .sort(compareEvents)
    .map((e) => ({
      at: hlcWall(e.hlc),
      desk: e.desk,
      deskName: desk.deskName(e.desk),
      operator: e.operator,
      action: e.type,
      detail: historyDetail(e),
    }));
  return {
    ...toSummary(desk, p),
    district: p.district,
    address: p.address,
    productType: p.productType,
    productName: p.productName,
    nikMasked: p.nik ? maskNik(p.nik) : null,
    source: p.source,
    badges: p.badges.map((b) => badgePrintView(desk, b)),
    history,
    editConflicts: p.editConflicts,
  };
}

export function badgePrintView(desk: Desk, b: BadgePrint): BadgePrintView {
  return { at: hlcWall(b.hlc), deskName: desk.deskName(b.desk), operator: b.operator, layout: b.layout, reason: b.reason };
}

function historyDetail(e: LogEvent): string {
  switch (e.type) {
    case 'participant.imported':
      return `${e.body.source.file} · ${e.body.source.sheet} · ${e.body.source.row}`;
    case 'checkin.voided':
      return e.body.reason;
    case 'checkin.recorded':
      return e.body.via;
    case 'badge.printed':
      return e.body.reason ? `${e.body.layout} · ${e.body.reason}` : e.body.layout;
    case 'badge.generated':
      return e.body.layout;
    default:
      return '';
  }
}
