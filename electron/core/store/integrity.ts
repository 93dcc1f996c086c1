import { eventHash } from './event-hash';
import type { Db } from './open-database';

/** How many of the newest events have their content hash recomputed at start-up. */
const HASHED_TAIL = 2_000;

/**
 * What is wrong with a desk database, in a few words for the operator's message (never personal
 * data), or null when it is sound. Cheap enough for every start-up (tens of ms at 100k events):
 * SQLite's quick_check of the pages, then the log's own invariants — the version vector covers
 * only sequences that are really there, and the newest events still hash to what they were stored as.
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

  const tail = db
    .prepare('SELECT desk, seq, hlc, operator, type, body, hash FROM events WHERE redacted = 0 ORDER BY pos DESC LIMIT ?')
    .all(HASHED_TAIL) as { desk: string; seq: number; hlc: string; operator: string; type: string; body: string; hash: string }[];
  for (const e of tail) {
    if (eventHash(e as Parameters<typeof eventHash>[0], e.body) !== e.hash) return `event ${e.desk.slice(0, 6)}:${e.seq} altered`;
  }
  return null;
}
