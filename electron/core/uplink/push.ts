import { canonicalJson } from '../../../shared/canonical-json';
import { LoketError } from '../../../shared/errors';
import type { Desk } from '../desk';
import { eventHash } from '../store/event-hash';
import type { StoredRow } from '../store/event-store';
import { redactedHash } from '../store/redaction';
import { SyncRecords } from '../store/sync-records';
import type { AddedRow, PostgresLink, ServerRow, StoredKey } from './postgres-link';

/** Events per INSERT: one transaction each, read back before it commits (about 0.7 MB of JSON at 2000). */
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

/** The fields the hash covers besides the body: a copy that differs in any of them is another event. */
const sameHead = (copy: ServerRow, row: StoredRow) => copy.hash === row.hash && copy.hlc === row.hlc && copy.operator === row.operator && copy.type === row.type;

/**
 * One full push of a desk's log to the province server: for every desk this desk knows, every event
 * the server lacks, each checked here before it leaves (its hash recomputed) and, before its batch
 * commits, read back from the server (every column, the body the same bytes once in canonical form).
 * A batch stored otherwise is rolled back and raised as an integrity alarm. A key the server holds
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
    for (const [deskId, top] of Object.entries(vector).sort(([a], [b]) => (a < b ? -1 : 1))) {
      let from = held.get(deskId) ?? 0;
      while (from < top) {
        // Pages, not an open iterator: a serving desk keeps using its database between two awaits.
        const rows = this.desk.store.storedRows(deskId, from, top, UPLINK_BATCH);
        if (rows.length === 0) break;
        from = rows.at(-1)!.seq;
        purgeSeen ||= rows.some((r) => r.redacted === 1 || r.type === 'desk.purged');
        await this.send(eventId, rows, result);
      }
    }
    if (options.redactions || purgeSeen) await this.redactOnServer(eventId, result);
    for (const [deskId, seq] of await this.link.held(eventId)) result.held[deskId] = seq;
    result.events = this.desk.store.count();
    return result;
  }

  /** Check each event's hash, send the sound ones, and let their batch commit only as sent. */
  private async send(eventId: string, rows: readonly StoredRow[], result: PushResult): Promise<void> {
    const sound: StoredRow[] = [];
    for (const row of rows) {
      if (intact(row)) sound.push(row);
      else result.damaged.push(this.alarm(row, null));
    }
    if (sound.length === 0) return;
    result.pushed += await this.link.insertChecked(eventId, batchJson(sound), sound, (added, held) => this.check(eventId, sound, added, held, result));
  }

  /**
   * What the server holds after the batch's insert, before it commits. A row this batch added must be
   * what was sent, column for column; a key held before must carry the same event (same hash), or it
   * is an alarm and stays as it is; a key sent must be there one way or the other. Anything else
   * throws, which rolls the batch back, after an alarm on each event the server stored otherwise.
   */
  private check(eventId: string, sound: readonly StoredRow[], added: readonly AddedRow[], held: readonly ServerRow[], result: PushResult): void {
    const sent = new Set(sound.map(key));
    const fresh = new Map(added.filter((r) => r.eventId === eventId).map((r) => [key(r), r]));
    const before = new Map(held.map((r) => [key(r), r]));
    const wrong: StoredRow[] = [];
    for (const row of sound) {
      const copy = fresh.get(key(row));
      const old = before.get(key(row));
      if (copy) {
        if (!sameHead(copy, row) || canonicalJson(copy.body) !== row.body) wrong.push(row);
      } else if (!old) wrong.push(row);
      else if (!sameHead(old, row)) result.conflicts.push(this.alarm(row, this.link.target.label));
    }
    for (const row of wrong) this.alarm(row, this.link.target.label);
    // A row added under a key that was not sent (moved on the way in) names no event of this desk's.
    const stray = added.find((k) => k.eventId !== eventId || !sent.has(key(k)));
    const named = wrong[0] ? key(wrong[0]) : stray && `${stray.eventId}/${key(stray)}`;
    if (named) throw new LoketError('uplink_mismatch', { server: this.link.target.label, event: named });
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
  private alarm(row: StoredRow, server: string | null): StoredKey {
    this.records.alarm(row.desk, row.seq, server === null ? UPLINK_LOCAL_PEER : `${UPLINK_PEER_PREFIX}${server}`, this.desk.now());
    return { desk: row.desk, seq: row.seq };
  }
}
