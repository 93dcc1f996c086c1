import type { ParticipantSummary, Status } from '../../../shared/api';
import { regencyByCode } from '../../../shared/domain/regency';
import { CLOCK_WARNING_MS } from '../../../shared/hlc';
import type { Desk } from '../desk';
import { SyncRecords, type IntegrityAlarm } from '../store/sync-records';
import { deskSync } from '../sync/running';
import { deskInfo } from './event-service';
import { toSummary } from './views';

export function search(desk: Desk, query: string, limit = 20): ParticipantSummary[] {
  desk.refresh();
  return desk.view.index.search(query, limit).map((hit) => toSummary(desk, desk.view.get(hit.id)!));
}

export interface KnownDesk {
  id: string;
  name: string;
  /** This desk's version-vector entry for it: how many of its events we hold without a gap. */
  seq: number;
  /** Its events beyond `seq` that some peer said it holds (in a hello, ack or vector): this desk lacks them. */
  lacking: number;
  /** Epoch ms of the last message from it, for desks we have talked to directly. */
  lastContact?: number;
  /** Its clock minus ours when we last linked; flagged beyond a minute, data still accepted. */
  clockOffsetMs?: number;
  clockWarning?: boolean;
}

export interface SyncStatus {
  desks: KnownDesk[];
  /** Order-independent hash of the whole event set: equal on two desks exactly when they hold the same events. */
  digest: string;
  alarms: IntegrityAlarm[];
}

/** Every desk this one knows of (from its vector, its contacts and what peers advertised), sorted by ID. */
export function syncStatus(desk: Desk): SyncStatus {
  // A serving desk's node also holds what peers said in the last seconds, not yet written.
  const records = deskSync(desk)?.node.records ?? new SyncRecords(desk.db);
  const vector = desk.store.vector();
  const advertised = records.advertised();
  const contacts = new Map(records.contacts().map((c) => [c.desk, c]));
  const ids = [...new Set([...Object.keys(vector), ...Object.keys(advertised), ...contacts.keys(), desk.id])].sort();
  return {
    desks: ids.map((id) => {
      const c = contacts.get(id);
      const seq = vector[id] ?? 0;
      const known: KnownDesk = { id, name: desk.deskName(id), seq, lacking: Math.max(0, (advertised[id] ?? 0) - seq) };
      if (c) Object.assign(known, { lastContact: c.lastContact, clockOffsetMs: c.clockOffsetMs, clockWarning: Math.abs(c.clockOffsetMs) > CLOCK_WARNING_MS });
      return known;
    }),
    digest: desk.store.digest(),
    alarms: records.alarms(),
  };
}

/** Present against registered and target, per regency of the event (and for unknown regencies), with the replication state. */
export function status(desk: Desk): Status & SyncStatus {
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
    ...syncStatus(desk),
  };
}
