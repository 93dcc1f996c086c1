import { canonicalJson } from '../../../shared/canonical-json';
import { subjectOf, type LogEvent, type NewEvent } from '../../../shared/events';
import type { ParticipantState } from '../../../shared/fold';
import type { HlcClock } from '../../../shared/hlc';
import { eventHash, setDigest } from './event-hash';
import { SubjectDeriver } from './subject-deriver';
import type { Db } from './open-database';

interface EventRow {
  pos: number;
  desk: string;
  seq: number;
  hlc: string;
  operator: string;
  type: string;
  body: string;
  hash: string;
}

export interface IngestResult {
  inserted: number;
  duplicates: number;
  /** Same (desk, seq) with different content: never overwritten, reported. */
  conflicts: { desk: string; seq: number }[];
}

function rowToEvent(r: EventRow): LogEvent {
  return { desk: r.desk, seq: r.seq, hlc: r.hlc, operator: r.operator, type: r.type, body: JSON.parse(r.body) } as LogEvent;
}

/**
 * The per-desk append-only log and the derived tables beside it. Every write is one IMMEDIATE
 * transaction that appends, advances the version vector and re-derives the touched subjects, so
 * derived state can never disagree with the log, even with a CLI process writing the same file.
 */
export class EventStore {
  private readonly deriver: SubjectDeriver;
  private readonly stmt;

  constructor(
    private readonly db: Db,
    readonly deskId: string,
    private readonly clock: HlcClock,
  ) {
    this.deriver = new SubjectDeriver(db, (subject) => this.subjectEvents(subject));
    this.stmt = {
      insert: db.prepare(
        'INSERT INTO events (desk, seq, hlc, operator, type, body, subject, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      lastOwn: db.prepare('SELECT seq, hlc FROM events WHERE desk = ? ORDER BY seq DESC LIMIT 1'),
      bySubject: db.prepare('SELECT * FROM events WHERE subject = ?'),
      byId: db.prepare('SELECT hash FROM events WHERE desk = ? AND seq = ?'),
      vectorOf: db.prepare('SELECT seq FROM vector WHERE desk = ?').pluck(),
      setVector: db.prepare(
        'INSERT INTO vector (desk, seq) VALUES (?, ?) ON CONFLICT (desk) DO UPDATE SET seq = excluded.seq',
      ),
      exists: db.prepare('SELECT 1 FROM events WHERE desk = ? AND seq = ?').pluck(),
      since: db.prepare('SELECT pos, subject FROM events WHERE pos > ? ORDER BY pos'),
      maxPos: db.prepare('SELECT coalesce(max(pos), 0) FROM events').pluck(),
      vector: db.prepare('SELECT desk, seq FROM vector'),
      hashes: db.prepare('SELECT hash FROM events').pluck(),
      count: db.prepare('SELECT count(*) FROM events').pluck(),
      all: db.prepare('SELECT * FROM events ORDER BY pos'),
      deskAfter: db.prepare('SELECT * FROM events WHERE desk = ? AND seq > ? ORDER BY seq LIMIT ?'),
    };
  }

  /** Append local events atomically; returns them as stored, with the participants they re-derived. Durable when this returns. */
  append(events: readonly NewEvent[], operator: string): { events: LogEvent[]; participants: ParticipantState[] } {
    return this.db
      .transaction(() => {
        const last = this.stmt.lastOwn.get(this.deskId) as { seq: number; hlc: string } | undefined;
        if (last) this.clock.observe(last.hlc);
        let seq = last?.seq ?? 0;
        const stored: LogEvent[] = [];
        const subjects = new Set<string>();
        for (const e of events) {
          const full = { desk: this.deskId, seq: ++seq, hlc: this.clock.tick(), operator, ...e } as LogEvent;
          const subject = subjectOf(full, full.desk);
          const body = canonicalJson(full.body);
          this.stmt.insert.run(full.desk, full.seq, full.hlc, operator, full.type, body, subject, eventHash(full, body));
          subjects.add(subject);
          stored.push(full);
        }
        this.stmt.setVector.run(this.deskId, seq);
        return { events: stored, participants: this.deriver.refresh(subjects) };
      })
      .immediate();
  }

  /**
   * Take in events recorded elsewhere (replication, bundles). Idempotent; the vector advances only
   * over gap-free sequences; an existing (desk, seq) is never overwritten.
   */
  ingest(events: readonly LogEvent[]): IngestResult {
    return this.db
      .transaction(() => {
        const result: IngestResult = { inserted: 0, duplicates: 0, conflicts: [] };
        const subjects = new Set<string>();
        const desks = new Set<string>();
        for (const e of events) {
          const body = canonicalJson(e.body);
          const hash = eventHash(e, body);
          const existing = this.stmt.byId.get(e.desk, e.seq) as { hash: string } | undefined;
          if (existing) {
            if (existing.hash === hash) result.duplicates++;
            else result.conflicts.push({ desk: e.desk, seq: e.seq });
            continue;
          }
          const subject = subjectOf(e, e.desk);
          this.stmt.insert.run(e.desk, e.seq, e.hlc, e.operator, e.type, body, subject, hash);
          this.clock.observe(e.hlc);
          subjects.add(subject);
          desks.add(e.desk);
          result.inserted++;
        }
        for (const desk of desks) this.advanceVector(desk);
        this.deriver.refresh(subjects);
        return result;
      })
      .immediate();
  }

  private advanceVector(desk: string): void {
    let seq = (this.stmt.vectorOf.get(desk) as number | undefined) ?? 0;
    const start = seq;
    while (this.stmt.exists.get(desk, seq + 1)) seq++;
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

  /** Subjects touched after a log position (to refresh in-memory views after another process wrote). */
  changedSince(pos: number): { pos: number; subjects: Set<string> } {
    const rows = this.stmt.since.all(pos) as { pos: number; subject: string }[];
    return { pos: rows.at(-1)?.pos ?? pos, subjects: new Set(rows.map((r) => r.subject)) };
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
}
