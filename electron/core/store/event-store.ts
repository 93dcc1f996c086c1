import { canonicalJson, keysSorted } from '../../../shared/canonical-json';
import { subjectOf } from '../../../shared/event-identity';
import type { LogEvent, NewEvent } from '../../../shared/events';
import type { ParticipantState } from '../../../shared/fold';
import type { HlcClock } from '../../../shared/hlc';
import { eventHash, HASH_CHECK_CHARS, setDigest } from './event-hash';
import { prepareEvent, type EventColumns, type PreparedEvent } from './prepared-event';
import { PERSONAL_EVENT_TYPES, redactBody } from './redaction';
import { SubjectDeriver } from './subject-deriver';
import type { Db } from './open-database';

/** A row of the events table: a prepared event with its log position (`redacted` as SQLite's 0/1). */
type EventRow = Omit<PreparedEvent, 'redacted'> & { pos: number; redacted: number };

export interface IngestResult {
  inserted: number;
  duplicates: number;
  /** Same (desk, seq) with different content: never overwritten, reported. */
  conflicts: { desk: string; seq: number }[];
}

/** An event exactly as stored: body as its canonical text, its hash, and whether a purge redacted it (0/1). */
export interface StoredRow extends EventColumns {
  hash: string;
  redacted: number;
}

/** An event as one JSON object, its body the stored canonical text: sent on without parsing and re-encoding. */
export interface StoredEvent {
  desk: string;
  seq: number;
  json: string;
}

function rowToEvent(r: EventRow): LogEvent {
  return { desk: r.desk, seq: r.seq, hlc: r.hlc, operator: r.operator, type: r.type, body: JSON.parse(r.body) } as LogEvent;
}

/**
 * An event as JSON for another desk: its body spliced in as stored, and `h`, the first
 * HASH_CHECK_CHARS of the hash this desk holds it under, so the receiver, which hashes the body
 * itself, can tell an event damaged here from a sound one (a 2⁻⁶⁴ chance of missing damage; the
 * whole hash would cost the Wi-Fi 25 more bytes an event).
 */
const STORED_JSON = `'{"desk":' || json_quote(desk) || ',"seq":' || seq || ',"hlc":' || json_quote(hlc) || ',"operator":' || json_quote(operator)
  || ',"type":' || json_quote(type) || ',"h":"' || substr(hash, 1, ${HASH_CHECK_CHARS}) || '","body":' || body || '}'`;

/**
 * What reached the log after a position: the last position, the subjects touched, and whether this
 * desk purged meanwhile (which rewrote events in place, before that position too).
 */
export interface LogChange {
  pos: number;
  subjects: Set<string>;
  purged: boolean;
}

/**
 * An event to append, with its body's canonical text where the caller has it already (an import's
 * rows come with theirs, made on the import worker): then the body is taken as built in canonical
 * key order, as importedBody builds it.
 */
export type AppendEvent = NewEvent & { canonical?: string };

/** What one append changed: the log held nothing past `after` when it began. */
export interface Appended extends LogChange {
  after: number;
}

/** Meta key: the first log position whose subjects still wait to be derived (a catch-up in progress or cut off). */
const DERIVE_FROM = 'derive_from';
const DERIVE_CHUNK = 1_000;
/**
 * From this many events an append derives from the events in hand, one log query per DERIVE_CHUNK
 * subjects, instead of one query per subject: an import's transactions of a few hundred rows spent
 * a tenth of their time on those queries. A check-in (one event) keeps the plain path.
 */
const BULK_APPEND = 100;
/** SQLite's default, restored after a catch-up. */
const WAL_AUTOCHECKPOINT_PAGES = 1_000;

/**
 * The per-desk append-only log and the derived tables beside it. Every write is one IMMEDIATE
 * transaction that appends, advances the version vector and re-derives the touched subjects, so
 * derived state can never disagree with the log, even with a CLI process writing the same file.
 * The one exception is a replication catch-up, which stores batch after batch first and derives
 * once at the end (`deriveBacklog`): the backlog's start is recorded in the same transactions, so
 * a desk cut off halfway derives it on the next open, and readers never go past it (`changedSince`).
 */
export class EventStore {
  private readonly deriver: SubjectDeriver;
  /** Catch-up batches or an import turned SQLite's automatic checkpoints off until they are done. */
  private checkpointDeferred = false;
  private readonly stmt;

  constructor(
    private readonly db: Db,
    readonly deskId: string,
    private readonly clock: HlcClock,
  ) {
    this.deriver = new SubjectDeriver(db, (subject) => this.subjectEvents(subject));
    this.stmt = {
      insert: db.prepare(
        'INSERT INTO events (desk, seq, hlc, operator, type, body, subject, hash, redacted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      personal: db.prepare(
        `SELECT pos, type, body, subject, hash FROM events WHERE redacted = 0 AND type IN (${PERSONAL_EVENT_TYPES.map(() => '?').join(', ')})`,
      ),
      personalAfter: db.prepare(`SELECT count(*) FROM events WHERE pos > ? AND type IN (${PERSONAL_EVENT_TYPES.map(() => '?').join(', ')})`).pluck(),
      redact: db.prepare('UPDATE events SET body = ?, redacted = 1 WHERE pos = ?'),
      purged: db.prepare("SELECT 1 FROM events WHERE desk = ? AND type = 'desk.purged' LIMIT 1").pluck(),
      lastOwn: db.prepare('SELECT seq, hlc FROM events WHERE desk = ? ORDER BY seq DESC LIMIT 1'),
      insertNew: db.prepare(
        'INSERT INTO events (desk, seq, hlc, operator, type, body, subject, hash, redacted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (desk, seq) DO NOTHING',
      ),
      bySubject: db.prepare('SELECT * FROM events WHERE subject = ?'),
      bySubjectUpTo: db.prepare('SELECT * FROM events WHERE subject = ? AND pos <= ?'),
      byId: db.prepare('SELECT hash FROM events WHERE desk = ? AND seq = ?'),
      vectorOf: db.prepare('SELECT seq FROM vector WHERE desk = ?').pluck(),
      setVector: db.prepare(
        'INSERT INTO vector (desk, seq) VALUES (?, ?) ON CONFLICT (desk) DO UPDATE SET seq = excluded.seq',
      ),
      exists: db.prepare('SELECT 1 FROM events WHERE desk = ? AND seq = ?').pluck(),
      since: db.prepare('SELECT pos, subject, desk, type FROM events WHERE pos > ? AND pos < ? ORDER BY pos'),
      deriveFrom: db.prepare(`SELECT CAST(value AS INTEGER) FROM meta WHERE key = '${DERIVE_FROM}'`).pluck(),
      markBacklog: db.prepare(`INSERT INTO meta (key, value) VALUES ('${DERIVE_FROM}', ?) ON CONFLICT (key) DO NOTHING`),
      clearBacklog: db.prepare(`DELETE FROM meta WHERE key = '${DERIVE_FROM}'`),
      backlogSubjects: db.prepare('SELECT DISTINCT subject FROM events WHERE pos >= ?').pluck(),
      ofSubjects: db.prepare('SELECT * FROM events WHERE subject IN (SELECT value FROM json_each(?))'),
      ofSubjectsUpTo: db.prepare('SELECT * FROM events WHERE subject IN (SELECT value FROM json_each(?)) AND pos <= ?'),
      maxPos: db.prepare('SELECT coalesce(max(pos), 0) FROM events').pluck(),
      vector: db.prepare('SELECT desk, seq FROM vector'),
      hashes: db.prepare('SELECT hash FROM events').pluck(),
      count: db.prepare('SELECT count(*) FROM events').pluck(),
      all: db.prepare('SELECT * FROM events ORDER BY pos'),
      deskAfter: db.prepare('SELECT * FROM events WHERE desk = ? AND seq > ? ORDER BY seq LIMIT ?'),
      rowsAfter: db.prepare('SELECT desk, seq, hlc, operator, type, body, hash, redacted FROM events WHERE desk = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?'),
      rowAt: db.prepare('SELECT desk, seq, hlc, operator, type, body, hash, redacted FROM events WHERE desk = ? AND seq = ?'),
      anyRedacted: db.prepare('SELECT 1 FROM events WHERE redacted = 1 LIMIT 1').pluck(),
      // SQLite writes the JSON: a catch-up reads 100k of these, and building them here halves the sender's work.
      storedBetween: db.prepare(`SELECT desk, seq, ${STORED_JSON} AS json FROM events WHERE desk = ? AND seq > ? AND seq <= ? ORDER BY seq`),
      storedAll: db.prepare(`SELECT desk, seq, ${STORED_JSON} AS json FROM events ORDER BY pos`),
    };
  }

  /**
   * Append local events atomically; returns them as stored, with the participants they re-derived
   * and what the append changed in the log (null while a catch-up's backlog waits to be derived:
   * readers must not go past it). Durable when this returns.
   */
  append(events: readonly AppendEvent[], operator: string): { events: LogEvent[]; participants: ParticipantState[]; change: Appended | null } {
    return this.db
      .transaction(() => {
        const last = this.stmt.lastOwn.get(this.deskId) as { seq: number; hlc: string } | undefined;
        if (last) this.clock.observe(last.hlc);
        let seq = last?.seq ?? 0;
        const stored: LogEvent[] = [];
        // A big append (an import) derives from the events in hand, as a read from the log would give them.
        const added = events.length >= BULK_APPEND ? new Map<string, LogEvent[]>() : null;
        const before = this.stmt.maxPos.get() as number;
        const subjects = new Set<string>();
        let pos = before;
        for (const e of events) {
          const full = { desk: this.deskId, seq: ++seq, hlc: this.clock.tick(), operator, type: e.type, body: e.body } as LogEvent;
          const subject = subjectOf(full, full.desk);
          // Walked once: a second walk of each body cost a 100,000-row import about 45 ms.
          const sorted = e.canonical !== undefined || keysSorted(full.body);
          const body = e.canonical ?? canonicalJson(full.body, sorted);
          pos = Number(this.stmt.insert.run(full.desk, full.seq, full.hlc, operator, full.type, body, subject, eventHash(full, body), 0).lastInsertRowid);
          subjects.add(subject);
          stored.push(full);
          if (added) {
            const readBack = sorted ? full : ({ ...full, body: JSON.parse(body) } as LogEvent);
            const list = added.get(subject);
            if (list) list.push(readBack);
            else added.set(subject, [readBack]);
          }
        }
        this.stmt.setVector.run(this.deskId, seq);
        const participants = added ? this.deriveSubjects([...subjects], { before, added }) : this.deriver.refresh(subjects);
        const purged = events.some((e) => e.type === 'desk.purged');
        return { events: stored, participants, change: this.backlogFrom() === null ? { after: before, pos, subjects, purged } : null };
      })
      .immediate();
  }

  /**
   * Take in events recorded elsewhere (replication, bundles). Idempotent; the vector advances only
   * over gap-free sequences; an existing (desk, seq) is never overwritten. One transaction, so one
   * fsync, however many events: a replication batch is durable as a whole or not at all.
   * With `derive: false` (a catch-up batch) the touched subjects join the backlog instead.
   */
  ingest(events: readonly LogEvent[], options: { derive?: boolean } = {}): IngestResult {
    return this.ingestPrepared(events.map((e) => prepareEvent(e)), options);
  }

  /** `ingest` for events already prepared (a replication batch, prepared as it was decoded). */
  ingestPrepared(events: readonly PreparedEvent[], { derive = true }: { derive?: boolean } = {}): IngestResult {
    // Copying the WAL back into the database after every catch-up batch costs a tenth of the
    // catch-up; `deriveBacklog` copies it once at the end.
    if (!derive) this.deferCheckpoints();
    return this.db
      .transaction(() => {
        const result: IngestResult = { inserted: 0, duplicates: 0, conflicts: [] };
        const before = this.stmt.maxPos.get() as number;
        // What this batch adds per subject, so the fold needs from the log only what was there before.
        const added = new Map<string, LogEvent[]>();
        const seqs = new Map<string, Set<number>>();
        const purged = this.purged();
        for (const e of events) {
          // After a purge, personal data arriving from unpurged desks is redacted before it is stored;
          // a redacted copy keeps the original's hash, so it is the same event to every desk.
          const redacted = !e.redacted && purged ? redactBody(e.type, JSON.parse(e.body), e.hash) : null;
          const body = redacted ? canonicalJson(redacted) : e.body;
          // Most events are new: try the insert and look at the stored copy only when it already exists.
          if (this.stmt.insertNew.run(e.desk, e.seq, e.hlc, e.operator, e.type, body, e.subject, e.hash, e.redacted || redacted ? 1 : 0).changes === 0) {
            const existing = this.stmt.byId.get(e.desk, e.seq) as { hash: string };
            if (existing.hash === e.hash) result.duplicates++;
            else result.conflicts.push({ desk: e.desk, seq: e.seq });
            continue;
          }
          this.clock.observe(e.hlc);
          result.inserted++;
          if (derive) {
            // As a read from the log would give it: the fold's output follows the body's key order.
            const stored = { desk: e.desk, seq: e.seq, hlc: e.hlc, operator: e.operator, type: e.type, body: JSON.parse(body) } as LogEvent;
            const list = added.get(e.subject);
            if (list) list.push(stored);
            else added.set(e.subject, [stored]);
          }
          const held = seqs.get(e.desk);
          if (held) held.add(e.seq);
          else seqs.set(e.desk, new Set([e.seq]));
        }
        for (const [desk, held] of seqs) this.advanceVector(desk, held);
        if (!derive) {
          if (result.inserted > 0) this.stmt.markBacklog.run(before + 1);
          return result;
        }
        this.deriver.refresh(added.keys(), (subject) => [
          ...(this.stmt.bySubjectUpTo.all(subject, before) as EventRow[]).map(rowToEvent),
          ...added.get(subject)!,
        ]);
        return result;
      })
      .immediate();
  }

  /**
   * Derive every subject touched since the backlog began (after a catch-up, or on opening a desk
   * whose catch-up was cut off). Returns how many subjects it folded; 0 when there was no backlog.
   */
  deriveBacklog(): number {
    const derived = this.db
      .transaction(() => {
        const from = this.backlogFrom();
        if (from === null) return 0;
        const subjects = this.stmt.backlogSubjects.all(from) as string[];
        this.deriveSubjects(subjects);
        this.stmt.clearBacklog.run();
        return subjects.length;
      })
      .immediate();
    if (this.resumeCheckpoints()) this.checkpoint();
    return derived;
  }

  /**
   * Turn SQLite's automatic checkpoint off: it copies the WAL into the database inside whichever
   * commit grows the WAL past 1,000 pages, and during a long run of transactions (an import, a
   * catch-up) that commit then holds the thread twice as long as the others. The caller copies it
   * with `checkpoint()` where it suits, and `resumeCheckpoints()` when done.
   */
  deferCheckpoints(): void {
    if (this.checkpointDeferred) return;
    this.db.pragma('wal_autocheckpoint = 0');
    this.checkpointDeferred = true;
  }

  /** Copy the WAL into the database now, as far as no reader still needs it. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  /** SQLite's automatic checkpoint on again; whether it had been off. Writes nothing, so it cannot fail for want of room. */
  resumeCheckpoints(): boolean {
    if (!this.checkpointDeferred || !this.db.open) return false;
    this.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    this.checkpointDeferred = false;
    return true;
  }

  /**
   * Re-derive subjects inside the caller's transaction, one query per chunk of subjects rather than
   * one per subject (a catch-up's backlog or a 100k-row import touches most of the log). With
   * `recent`, the log is read up to `before` and the caller's events in hand complete it.
   */
  private deriveSubjects(
    subjects: readonly string[],
    recent?: { before: number; added: ReadonlyMap<string, LogEvent[]> },
  ): ParticipantState[] {
    const written: ParticipantState[] = [];
    for (let i = 0; i < subjects.length; i += DERIVE_CHUNK) {
      const chunk = subjects.slice(i, i + DERIVE_CHUNK);
      const events = new Map<string, LogEvent[]>(chunk.map((subject) => [subject, []]));
      const rows = (recent ? this.stmt.ofSubjectsUpTo.all(JSON.stringify(chunk), recent.before) : this.stmt.ofSubjects.all(JSON.stringify(chunk))) as EventRow[];
      const held = new Set<string>();
      for (const row of rows) {
        events.get(row.subject)!.push(rowToEvent(row));
        held.add(row.subject);
      }
      // A subject the log held nothing of before these events has no derived row yet.
      const isNew = recent ? (subject: string) => !held.has(subject) : undefined;
      if (recent) for (const subject of chunk) events.get(subject)!.push(...(recent.added.get(subject) ?? []));
      written.push(...this.deriver.refresh(chunk, (subject) => events.get(subject)!, isNew));
    }
    return written;
  }

  private backlogFrom(): number | null {
    return (this.stmt.deriveFrom.get() as number | undefined) ?? null;
  }

  /** This desk has purged its personal data (a `desk.purged` event of its own). */
  purged(): boolean {
    return this.stmt.purged.get(this.deskId) === 1;
  }

  /** Events that may hold personal data recorded after a log position (e.g. since the last export). */
  personalEventsAfter(pos: number): number {
    return this.stmt.personalAfter.get(pos, ...PERSONAL_EVENT_TYPES) as number;
  }

  /**
   * Replace the body of every event holding personal data with its redacted form and re-derive
   * what they touched. Runs inside the caller's transaction (the purge appends its event in the same one).
   */
  redactPersonal(): { redacted: number; participants: ParticipantState[] } {
    const subjects = new Set<string>();
    let redacted = 0;
    const rows = this.stmt.personal.all(...PERSONAL_EVENT_TYPES) as { pos: number; type: string; body: string; subject: string; hash: string }[];
    for (const row of rows) {
      const body = redactBody(row.type, JSON.parse(row.body), row.hash);
      if (!body) continue;
      this.stmt.redact.run(canonicalJson(body), row.pos);
      subjects.add(row.subject);
      redacted++;
    }
    return { redacted, participants: this.deriver.refresh(subjects) };
  }

  /** Walk the vector up through what this batch added, then through what earlier batches left beyond a gap. */
  private advanceVector(desk: string, added: ReadonlySet<number>): void {
    let seq = (this.stmt.vectorOf.get(desk) as number | undefined) ?? 0;
    const start = seq;
    while (added.has(seq + 1) || this.stmt.exists.get(desk, seq + 1)) seq++;
    if (seq !== start) this.stmt.setVector.run(desk, seq);
  }

  subjectEvents(subject: string): LogEvent[] {
    return (this.stmt.bySubject.all(subject) as EventRow[]).map(rowToEvent);
  }

  /** For each desk, the highest sequence number this desk holds without a gap. */
  vector(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.stmt.vector.all() as { desk: string; seq: number }[]) out[r.desk] = r.seq;
    return out;
  }

  /** The vector entry of one desk (every link asks for its own desk's after each change). */
  heldOf(desk: string): number {
    return (this.stmt.vectorOf.get(desk) as number | undefined) ?? 0;
  }

  /**
   * Subjects touched after a log position (to refresh in-memory views after another process wrote),
   * up to the backlog: its derived rows are not written yet, and the view reads them once they are.
   * `purged`: this desk purged meanwhile, which rewrote events in place, before that position too.
   */
  changedSince(pos: number): LogChange {
    const rows = this.stmt.since.all(pos, this.backlogFrom() ?? Number.MAX_SAFE_INTEGER) as { pos: number; subject: string; desk: string; type: string }[];
    return {
      pos: rows.at(-1)?.pos ?? pos,
      subjects: new Set(rows.map((r) => r.subject)),
      purged: rows.some((r) => r.type === 'desk.purged' && r.desk === this.deskId),
    };
  }

  headPos(): number {
    return this.stmt.maxPos.get() as number;
  }

  count(): number {
    return this.stmt.count.get() as number;
  }

  digest(): string {
    return setDigest(this.stmt.hashes.all() as string[]);
  }

  *all(): Generator<LogEvent> {
    for (const row of this.stmt.all.iterate() as Iterable<EventRow>) yield rowToEvent(row);
  }

  /** One desk's events after a sequence number, in order: what a peer lacks, one page at a time. */
  eventsAfter(desk: string, seq: number, limit: number): LogEvent[] {
    return (this.stmt.deskAfter.all(desk, seq, limit) as EventRow[]).map(rowToEvent);
  }

  /** One page of a desk's events in (after, upTo], in order, exactly as stored (the uplink checks and sends these). */
  storedRows(desk: string, after: number, upTo: number, limit: number): StoredRow[] {
    return this.stmt.rowsAfter.all(desk, after, upTo, limit) as StoredRow[];
  }

  storedRow(desk: string, seq: number): StoredRow | null {
    return (this.stmt.rowAt.get(desk, seq) as StoredRow | undefined) ?? null;
  }

  /** Some event here has a redacted body (this desk purged, or took redacted copies from one that did). */
  holdsRedacted(): boolean {
    return this.stmt.anyRedacted.get() === 1;
  }

  /** One desk's events in (after, upTo], in order, as stored, read as the caller consumes them (a replication batch). */
  *storedBetween(desk: string, after: number, upTo: number): Generator<StoredEvent> {
    yield* this.stmt.storedBetween.iterate(desk, after, upTo) as Iterable<StoredEvent>;
  }

  /** Every event, as stored, in log order (a bundle file). */
  *storedAll(): Generator<StoredEvent> {
    yield* this.stmt.storedAll.iterate() as Iterable<StoredEvent>;
  }
}
