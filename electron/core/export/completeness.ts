import { eventId } from '../../../shared/event-identity';
import type { LogEvent } from '../../../shared/events';
import { hlcWall } from '../../../shared/hlc';
import type { Desk } from '../desk';
import { SyncRecords } from '../store/sync-records';
import { deskSync } from '../sync/running';
import { witaClock, witaText } from './cells';

/** A desk silent longer than this may hold events this desk has not received. */
const STALE_MS = 10 * 60_000;

/** One desk's share of the export: the last of its events included. */
export interface DeskCoverage {
  desk: string;
  name: string;
  /** Its events included without a gap (the version vector). */
  lastSeq: number;
  lastEventId: string | null;
  lastEventAt: number | null;
  lastContact: number | null;
  /** Its events another desk said it holds and this export lacks. */
  lacking: number;
}

export interface Completeness {
  complete: boolean;
  /** One sentence for the summary page and the screen. */
  statement: string;
  warnings: string[];
  desks: DeskCoverage[];
}

const witaDay = (ms: number) => witaText(ms).slice(0, 10);

/**
 * Does the export hold every desk's events up to the latest this desk has heard of? Two kinds of
 * doubt make it incomplete: a peer said some desk holds more than we do, or a desk seen today has
 * been silent for a while (no sync contact and no event) without closing, so its latest events may
 * be on its own disk only. Either is named, because the Dinas must not mistake a partial report.
 */
export function completeness(desk: Desk, events: readonly LogEvent[]): Completeness {
  const now = desk.now();
  const records = deskSync(desk)?.node.records ?? new SyncRecords(desk.db);
  const vector = desk.store.vector();
  const advertised = records.advertised();
  const contacts = new Map(records.contacts().map((c) => [c.desk, c.lastContact]));
  const last = new Map<string, LogEvent>();
  for (const e of events) if ((last.get(e.desk)?.seq ?? 0) < e.seq) last.set(e.desk, e);

  const ids = [...new Set([desk.id, ...Object.keys(vector), ...Object.keys(advertised), ...contacts.keys()])].sort();
  const warnings: string[] = [];
  const desks = ids.map((id): DeskCoverage => {
    const e = last.get(id);
    const coverage = {
      desk: id,
      name: desk.deskName(id),
      lastSeq: vector[id] ?? 0,
      lastEventId: e ? eventId(e) : null,
      lastEventAt: e ? hlcWall(e.hlc) : null,
      lastContact: contacts.get(id) ?? null,
      lacking: Math.max(0, (advertised[id] ?? 0) - (vector[id] ?? 0)),
    };
    if (id === desk.id) return coverage;
    const label = `${coverage.name} (${id.slice(0, 8)})`;
    if (coverage.lacking > 0) warnings.push(`${label}: ${coverage.lacking} peristiwa sudah dicatat di meja lain tetapi belum diterima meja ini.`);
    const heard = Math.max(coverage.lastContact ?? 0, coverage.lastEventAt ?? 0);
    const closed = e?.type === 'desk.closed';
    if (heard > 0 && !closed && witaDay(heard) === witaDay(now) && now - heard > STALE_MS) {
      const how = coverage.lastContact ? 'terakhir tersinkron' : 'belum pernah tersinkron langsung; peristiwa terakhirnya';
      warnings.push(`${label} ${how} pukul ${witaClock(heard)} WITA: peristiwa sesudahnya mungkin belum masuk ekspor ini.`);
    }
    return coverage;
  });
  const complete = warnings.length === 0;
  return {
    complete,
    statement: complete
      ? 'Ekspor ini memuat semua meja sampai peristiwa terakhir yang diketahui meja ini.'
      : 'PERHATIAN: ekspor ini mungkin TIDAK LENGKAP. Sinkronkan meja yang disebut lalu ekspor ulang.',
    warnings,
    desks,
  };
}
