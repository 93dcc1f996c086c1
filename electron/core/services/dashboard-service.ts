import type { Dashboard, LastHourCount, OperatorHourCount, Status } from '../../../shared/api';
import { hlcWall } from '../../../shared/hlc';
import type { Desk } from '../desk';
import { stock } from './certificate-stock';
import { arrivalBuckets, HOUR_MS, queueEta, type Arrival } from './dashboard-pace';
import { deskHealth } from './dashboard-sync';
import { conflicts } from './conflicts';
import { status, type SyncStatus } from './status-service';

export interface DashboardOptions {
  /** For the projector: no operator names (personal data), only desks and counts. */
  bigScreen?: boolean;
  /** The status this dashboard extends, when the caller has it already (`loket status`). */
  base?: Status & SyncStatus;
}

function arrivalsOf(desk: Desk): Arrival[] {
  const out: Arrival[] = [];
  for (const p of desk.view.all()) {
    const first = p.checkins[0];
    if (first) out.push({ at: hlcWall(first.hlc), desk: first.desk, operator: first.operator, regency: p.regency });
  }
  return out;
}

/** Check-ins per desk and per operator in the hour up to `now`, busiest first. */
function lastHour(desk: Desk, arrivals: readonly Arrival[], now: number): { desks: LastHourCount[]; operators: OperatorHourCount[] } {
  const desks = new Map<string, { checkins: number; operators: Set<string> }>();
  const operators = new Map<string, OperatorHourCount>();
  for (const a of arrivals) {
    if (a.at <= now - HOUR_MS || a.at > now) continue;
    const d = desks.get(a.desk) ?? { checkins: 0, operators: new Set<string>() };
    d.checkins++;
    d.operators.add(a.operator);
    desks.set(a.desk, d);
    const key = `${a.desk}\u0000${a.operator}`;
    const o = operators.get(key) ?? { desk: a.desk, deskName: desk.deskName(a.desk), operator: a.operator, checkins: 0 };
    o.checkins++;
    operators.set(key, o);
  }
  const byCount = <T extends { checkins: number }>(name: (x: T) => string) => (a: T, b: T) => b.checkins - a.checkins || name(a).localeCompare(name(b));
  return {
    desks: [...desks]
      .map(([id, d]) => ({ desk: id, deskName: desk.deskName(id), checkins: d.checkins, operators: d.operators.size }))
      .sort(byCount((d) => d.deskName)),
    operators: [...operators.values()].sort(byCount((o) => `${o.operator} ${o.deskName}`)),
  };
}

/**
 * The whole event at a glance, derived from the replicated log as this desk holds it, at this
 * desk's clock. `loket status --json` prints the same object, so the screen and the CLI never differ.
 */
export function dashboard(desk: Desk, options: DashboardOptions = {}): Dashboard {
  const s = options.base ?? status(desk);
  const now = desk.now();
  const timezone = desk.event()?.timezone ?? 'Asia/Makassar';
  const arrivals = arrivalsOf(desk);
  const firstArrival = arrivals.reduce<number | null>((min, a) => (min === null || a.at < min ? a.at : min), null);
  const certs = stock(desk).totals;
  const open = conflicts(desk);
  const hour = lastHour(desk, arrivals, now);
  const target = s.byRegency.reduce((sum, r) => sum + r.target, 0);
  const byRegency = new Map<string | null, Arrival[]>();
  for (const a of arrivals) {
    const list = byRegency.get(a.regency);
    if (list) list.push(a);
    else byRegency.set(a.regency, [a]);
  }
  return {
    at: now,
    timezone,
    bigScreen: options.bigScreen ?? false,
    target,
    participants: s.participants,
    present: s.checkedIn,
    walkIns: s.walkIns,
    byRegency: s.byRegency.map((r) => ({
      code: r.code,
      name: r.name,
      target: r.target,
      participants: r.participants,
      present: r.checkedIn,
      eta: queueEta(byRegency.get(r.code) ?? [], r.participants - r.checkedIn, now, firstArrival),
    })),
    unknownRegency: { participants: s.unknownRegency.participants, present: s.unknownRegency.checkedIn },
    arrivals: arrivalBuckets(arrivals, now, timezone),
    certificates: {
      listed: certs.listed,
      handedOwner: certs.handedOwner,
      handedRepresentative: certs.handedRepresentative,
      remaining: certs.inStock,
      notIssued: certs.notIssued,
    },
    lastHour: { desks: hour.desks, operators: options.bigScreen ? null : hour.operators },
    conflicts: { handover: open.filter((c) => c.kind === 'handover').length, edit: open.filter((c) => c.kind === 'edit').length },
    sync: deskHealth(desk, s, now),
    eta: queueEta(arrivals, s.participants - s.checkedIn, now, firstArrival),
  };
}
