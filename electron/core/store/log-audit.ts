import { eventLabel, hashedRows, isDamaged } from './integrity';
import type { Db } from './open-database';
import { SyncRecords } from './sync-records';

/** Events re-hashed between two yields: a few milliseconds, so a check-in waits at most that long. */
const CHUNK = 500;
/** The pass waits this long after start-up, so it never competes with the first screen. */
const START_DELAY_MS = 3_000;

export interface LogAuditOptions {
  db: Db;
  deskId: string;
  now: () => number;
  log?: (line: string) => void;
  delayMs?: number;
}

export interface LogAudit {
  /** The events found damaged, once the pass has read the whole log (or was stopped). */
  readonly done: Promise<{ checked: number; damaged: { desk: string; seq: number }[] }>;
  stop(): void;
}

/**
 * The start-up check re-hashes only the newest events; this pass re-hashes the rest of the log in
 * the background of a running desk, a chunk at a time with a yield between chunks. A damaged event
 * raises an integrity alarm on the sync screen (found in this desk's own database), and the desks
 * it syncs with refuse it when it arrives (they re-hash what they receive).
 */
export function startLogAudit(options: LogAuditOptions): LogAudit {
  const { db, deskId, now, log } = options;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let checked = 0;
  const damaged: { desk: string; seq: number }[] = [];
  let finish: () => void = () => {};
  const done = new Promise<{ checked: number; damaged: { desk: string; seq: number }[] }>((resolve) => {
    finish = () => resolve({ checked, damaged });
  });
  const records = new SyncRecords(db);
  const step = (after: number) => {
    timer = null;
    if (stopped || !db.open) return finish();
    const rows = hashedRows(db, after, CHUNK);
    for (const row of rows.filter(isDamaged)) {
      damaged.push({ desk: row.desk, seq: row.seq });
      records.alarm(row.desk, row.seq, deskId, now(), 'damaged');
      log?.(`INTEGRITY ALARM: event ${eventLabel(row)} in this desk's database no longer matches its hash`);
    }
    checked += rows.length;
    if (rows.length < CHUNK) return finish();
    // setTimeout, not setImmediate: the chunks then leave the event loop a full turn for timers too.
    timer = setTimeout(() => step(rows.at(-1)!.pos), 0).unref();
  };
  timer = setTimeout(() => step(0), options.delayMs ?? START_DELAY_MS).unref();
  return {
    done,
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      finish();
    },
  };
}
