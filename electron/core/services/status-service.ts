import type { ParticipantSummary, Status } from '../../../shared/api';
import { regencyByCode } from '../../../shared/domain/regency';
import type { Desk } from '../desk';
import { deskInfo } from './event-service';
import { toSummary } from './views';

export function search(desk: Desk, query: string, limit = 20): ParticipantSummary[] {
  desk.refresh();
  return desk.view.index.search(query, limit).map((hit) => toSummary(desk, desk.view.get(hit.id)!));
}

/** Present against registered and target, per regency of the event (and for unknown regencies). */
export function status(desk: Desk): Status {
  desk.refresh();
  const counts = new Map<string | null, { participants: number; checkedIn: number }>();
  let checkedIn = 0;
  let walkIns = 0;
  for (const p of desk.view.all()) {
    const present = p.checkins.length > 0;
    const c = counts.get(p.regency) ?? { participants: 0, checkedIn: 0 };
    c.participants++;
    if (present) c.checkedIn++;
    counts.set(p.regency, c);
    if (present) checkedIn++;
    if (p.walkIn) walkIns++;
  }
  const targets = new Map((desk.event()?.regencies ?? []).map((r) => [r.code, r.target]));
  const codes = [...new Set([...targets.keys(), ...[...counts.keys()].filter((k): k is string => k !== null)])].sort();
  const unknown = counts.get(null) ?? { participants: 0, checkedIn: 0 };
  return {
    participants: desk.view.size,
    checkedIn,
    walkIns,
    byRegency: codes.map((code) => ({
      code,
      name: regencyByCode(code)?.name ?? code,
      target: targets.get(code) ?? 0,
      participants: counts.get(code)?.participants ?? 0,
      checkedIn: counts.get(code)?.checkedIn ?? 0,
    })),
    unknownRegency: unknown,
    desk: deskInfo(desk).desk,
  };
}
