import { eventHash } from './event-hash';
import type { StoredRow } from './event-store';
import type { Db } from './open-database';
import { redactedHash } from './redaction';

/** How many of the newest events have their content hash recomputed at start-up. */
const HASHED_TAIL = 2_000;

/** An events row as the hash checks read it: as stored, with its place in the log. */
export interface HashedRow extends StoredRow {
  pos: number;
}

const HASHED_COLUMNS = 'pos, desk, seq, hlc, operator, type, body, hash, redacted';

/**
 * Whether an event's stored content no longer matches the hash it was stored under. A purged
 * (redacted) body keeps the original's hash by design and names it in its `redacted` field: it is
 * sound when it still parses and names exactly that hash.
 */
export function isDamaged(row: HashedRow): boolean {
  if (!row.redacted) return eventHash(row, row.body) !== row.hash;
  try {
    return redactedHash(JSON.parse(row.body)) !== row.hash;
  } catch {
    return true;
  }
}

/** Events after log position `after`, in log order, up to `limit` of them: a re-hash reads the log a chunk at a time. */
export function hashedRows(db: Db, after: number, limit: number): HashedRow[] {
  return db.prepare(`SELECT ${HASHED_COLUMNS} FROM events WHERE pos > ? ORDER BY pos LIMIT ?`).all(after, limit) as HashedRow[];
}

/** The event's name in an operator's message: its desk's first characters and its number, never its content. */
export function eventLabel(e: { desk: string; seq: number }): string {
  return `${e.desk.slice(0, 6)}:${e.seq}`;
}

/**
 * What is wrong with a desk database, in a few words for the operator's message (never personal
 * data), or null when it is sound. Cheap enough for every start-up (tens of ms at 100k events):
 * SQLite's quick_check of the pages, then the log's own invariants — the version vector covers
 * only sequences that are really there, and the newest events still hash to what they were stored
 * as (the rest of the log is re-hashed in the background, see log-audit.ts, or by `loket check --full`).
 */
export function integrityProblem(db: Db): string | null {
  const check = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
  const pages = check.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (pages.length > 0) return `quick_check: ${pages[0]!.slice(0, 120)}`;

  // The vector says "every seq up to N of this desk is here"; a lost page or row breaks that.
  const gaps = db
    .prepare(
      `SELECT v.desk, v.seq, (SELECT count(*) FROM events e WHERE e.desk = v.desk AND e.seq <= v.seq) AS held
       FROM vector v WHERE held <> v.seq`,
    )
    .all() as { desk: string; seq: number; held: number }[];
  if (gaps.length > 0) {
    const g = gaps[0]!;
    return `log gap: desk ${g.desk.slice(0, 6)} holds ${g.held} of ${g.seq} events`;
  }

  const tail = db.prepare(`SELECT ${HASHED_COLUMNS} FROM events ORDER BY pos DESC LIMIT ?`).all(HASHED_TAIL) as HashedRow[];
  const altered = tail.find(isDamaged);
  return altered ? `event ${eventLabel(altered)} altered` : null;
}

/** Every event of the log re-hashed (`loket check --full`): the damaged ones, in log order. */
export function damagedEvents(db: Db, chunk = 5_000): HashedRow[] {
  const damaged: HashedRow[] = [];
  for (let rows = hashedRows(db, 0, chunk); rows.length > 0; rows = hashedRows(db, rows.at(-1)!.pos, chunk)) {
    for (const row of rows) if (isDamaged(row)) damaged.push(row);
  }
  return damaged;
}
