import { canonicalJson } from '../../../shared/canonical-json';
import { LoketError } from '../../../shared/errors';
import type { Desk } from '../desk';
import { eventHash } from '../store/event-hash';
import type { StoredRow } from '../store/event-store';
import { redactedHash } from '../store/redaction';
import { SyncRecords } from '../store/sync-records';
import type { PostgresLink, StoredKey } from './postgres-link';

/** Events per INSERT: one transaction and one round trip each (about 0.7 MB of JSON at 2000). */
const UPLINK_BATCH = 2_000;

/** Alarms raised by the uplink name the server they came from: `uplink:user@host:port/db`. */
export const UPLINK_PEER_PREFIX = 'uplink:';
/** …or this desk's own copy, found altered before it was sent. */
export const UPLINK_LOCAL_PEER = 'uplink-check';

export interface PushResult {
  /** Events the server took from this run. */
  pushed: number;
  /** Events this desk holds (all on the server after a run without alarms). */
  events: number;
  /** Personal bodies on the server replaced by this desk's redactions in this run. */
  redacted: number;
  /** Same key, another hash on the server: never overwritten, raised as integrity alarms. */
  conflicts: StoredKey[];
  /** Events whose bytes here no longer hash to their stored hash: not sent, raised as alarms. */
  damaged: StoredKey[];
  /** Per desk, the highest seq the server holds without a gap, after this run. */
  held: Record<string, number>;
}

const key = (k: StoredKey) => `${k.desk}:${k.seq}`;

/** A batch sent and not yet answered. */
interface Batch {
  sound: StoredRow[];
  inserted: Promise<{ desk: string; seq: number; body: unknown }[]>;
}

/** The batch as one JSON array; each body is the stored canonical text, spliced in as it is. */
function batchJson(rows: readonly StoredRow[]): string {
  const parts = rows.map(
    (r) =>
      `{"desk":${JSON.stringify(r.desk)},"seq":${r.seq},"hlc":${JSON.stringify(r.hlc)},"operator":${JSON.stringify(r.operator)},"type":${JSON.stringify(r.type)},"body":${r.body},"hash":"${r.hash}"}`,
  );
  return `[${parts.join(',')}]`;
}

/** The stored bytes still say what the hash says (a redacted body names the original's hash instead). */
function intact(row: StoredRow): boolean {
  if (row.redacted) return redactedHash(JSON.parse(row.body)) === row.hash;
  return eventHash(row as Parameters<typeof eventHash>[0], row.body) === row.hash;
}

/**
 * One full push of a desk's log to the province server: for every desk this desk knows, every event
 * the server lacks, each checked here before it leaves (its hash recomputed) and after it lands (the
 * body the server returns must be these same bytes once in canonical form). A key the server holds
 * with another hash is never overwritten: it becomes an integrity alarm, as between desks. A desk
 * that holds redacted bodies also sends them for the originals the server still keeps, which the
 * server's own trigger replaces under the same hash.
 */
export class UplinkPush {
  private readonly records: SyncRecords;

  constructor(
    private readonly desk: Desk,
    private readonly link: PostgresLink,
  ) {
    this.records = new SyncRecords(desk.db);
  }

  async run(options: { redactions: boolean }): Promise<PushResult> {
    const eventId = this.desk.requireEvent().eventId;
    const result: PushResult = { pushed: 0, events: 0, redacted: 0, conflicts: [], damaged: [], held: {} };
    const held = await this.link.held(eventId);
    const vector = this.desk.store.vector();
    let purgeSeen = false;
    // One batch on the server while the one before is checked here: the two cores both work.
    let inFlight: Batch | null = null;
    for (const [deskId, top] of Object.entries(vector).sort(([a], [b]) => (a < b ? -1 : 1))) {
      let from = held.get(deskId) ?? 0;
      while (from < top) {
        // Pages, not an open iterator: a serving desk keeps using its database between two awaits.
        const rows = this.desk.store.storedRows(deskId, from, top, UPLINK_BATCH);
        if (rows.length === 0) break;
        from = rows.at(-1)!.seq;
        purgeSeen ||= rows.some((r) => r.redacted === 1 || r.type === 'desk.purged');
        const next = this.start(eventId, rows, result);
        if (inFlight) await this.finish(eventId, inFlight, result);
        inFlight = next;
      }
    }
    if (inFlight) await this.finish(eventId, inFlight, result);
    if (options.redactions || purgeSeen) await this.redactOnServer(eventId, result);
    for (const [deskId, seq] of await this.link.held(eventId)) result.held[deskId] = seq;
    result.events = this.desk.store.count();
    return result;
  }

  private async send(eventId: string, rows: readonly StoredRow[], result: PushResult): Promise<void> {
    await this.finish(eventId, this.start(eventId, rows, result), result);
  }

  /** Check each event's hash and send the sound ones; the answer is awaited by `finish`. */
  private start(eventId: string, rows: readonly StoredRow[], result: PushResult): Batch {
    const sound: StoredRow[] = [];
    for (const row of rows) {
      if (intact(row)) sound.push(row);
      else this.alarm(row, result.damaged, null);
    }
    const inserted = sound.length > 0 ? this.link.insert(eventId, batchJson(sound)) : Promise.resolve([]);
    // Awaited later, maybe after another batch failed first: never an unhandled rejection meanwhile.
    inserted.catch(() => undefined);
    return { sound, inserted };
  }

  /** What the server took must be these bytes; what it did not take must be a duplicate, or it is an alarm. */
  private async finish(eventId: string, batch: Batch, result: PushResult): Promise<void> {
    const inserted = await batch.inserted;
    const byKey = new Map(batch.sound.map((r) => [key(r), r]));
    for (const stored of inserted) {
      const row = byKey.get(key(stored))!;
      byKey.delete(key(stored));
      if (canonicalJson(stored.body) !== row.body) throw new LoketError('uplink_mismatch', { event: key(row) });
    }
    result.pushed += inserted.length;
    const rest = [...byKey.values()];
    for (const copy of await this.link.copies(eventId, rest)) {
      const row = byKey.get(key(copy))!;
      if (copy.hash !== row.hash) this.alarm(row, result.conflicts, this.link.target.label);
    }
  }

  /**
   * Send this desk's redacted bodies for every original the server still keeps; its trigger swaps
   * them under the same hash. Checked by asking again: an original still there is an error to show.
   */
  private async redactOnServer(eventId: string, result: PushResult): Promise<void> {
    if (!this.desk.store.holdsRedacted()) return;
    const rows: StoredRow[] = [];
    for (const k of await this.link.unredacted(eventId)) {
      const row = this.desk.store.storedRow(k.desk, k.seq);
      if (row?.redacted) rows.push(row);
    }
    if (rows.length === 0) return;
    for (let i = 0; i < rows.length; i += UPLINK_BATCH) await this.send(eventId, rows.slice(i, i + UPLINK_BATCH), result);
    const sent = new Set(rows.map(key));
    const kept = (await this.link.unredacted(eventId)).filter((k) => sent.has(key(k))).length;
    result.redacted += rows.length - kept;
    if (kept > 0) throw new LoketError('uplink_failed', { server: this.link.target.label, detail: `${kept} redaction(s) not taken` });
  }

  /** `server` null: this desk's own copy failed its hash before it was sent. */
  private alarm(row: StoredRow, into: StoredKey[], server: string | null): void {
    into.push({ desk: row.desk, seq: row.seq });
    this.records.alarm(row.desk, row.seq, server === null ? UPLINK_LOCAL_PEER : `${UPLINK_PEER_PREFIX}${server}`, this.desk.now());
  }
}
