import type { DashboardDeskHealth } from '../../../shared/api';
import { hlcWall } from '../../../shared/hlc';
import type { Desk } from '../desk';
import { deskSync } from '../sync/running';
import type { SyncStatus } from './status-service';

/** A desk not heard of for longer may hold events nobody else has (the export's completeness check uses the same span). */
export const QUIET_MS = 10 * 60_000;

/**
 * Every known desk with how recently anything came from it: a sync message or the latest of its
 * events this desk holds (an idle link sends no messages, and events relayed through another desk
 * are news of it too). `linked` is only known inside the process that runs the replication.
 * `sync` is the status service's `syncStatus`, taken once for the status and the dashboard.
 */
export function deskHealth(desk: Desk, sync: SyncStatus, now: number): { desks: DashboardDeskHealth[]; alarms: number; digest: string } {
  const node = deskSync(desk)?.node;
  const linked = new Set(node?.connections().flatMap((c) => (c.state === 'open' && c.session.peer ? [c.session.peer.desk] : [])) ?? []);
  const lastEvent = new Map(desk.desks().map((d) => [d.desk, d.lastHlc ? hlcWall(d.lastHlc) : null]));
  const desks = sync.desks.map((d): DashboardDeskHealth => {
    const self = d.id === desk.id;
    const lastHeard = Math.max(d.lastContact ?? 0, lastEvent.get(d.id) ?? 0) || null;
    const state = self ? 'self' : linked.has(d.id) ? 'live' : lastHeard === null ? 'unknown' : now - lastHeard <= QUIET_MS ? 'recent' : 'quiet';
    return { id: d.id, name: d.name, self, state, lastHeard, events: d.seq, clockWarning: d.clockWarning ?? false };
  });
  desks.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { desks, alarms: sync.alarms.length, digest: sync.digest };
}
