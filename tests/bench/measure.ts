import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

/** Milliseconds per call of `fn` for each input. */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown): Percentiles {
  const samples: number[] = [];
  for (const input of inputs) {
    const start = performance.now();
    fn(input);
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

export async function timeOnce<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

function floorTable(dir: string): { insert(i: number): void; close(): void } {
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  return { insert: (i) => db.transaction(() => insert.run(`{"n":${i}}`)).immediate(), close: () => db.close() };
}

/** The floor of every durable write: one row, one transaction, on the same pragmas as the store. */
export function bareDurableInsert(dir: string, n: number): Percentiles {
  const table = floorTable(dir);
  const p = timeEach(Array.from({ length: n }, (_, i) => i), (i) => table.insert(i));
  table.close();
  return p;
}

/**
 * `fn` for each input, each call right after one floor insert: both see the same disk (its state
 * drifts over a run, and fsync costs follow it), so their ratio compares like with like. The first
 * `warmUp` pairs run untimed, so that neither side's figures hold the compiling of its code.
 */
export function timeEachBesideFloor<T>(dir: string, inputs: readonly T[], fn: (input: T) => unknown, warmUp = 0): { op: Percentiles; floor: Percentiles } {
  const table = floorTable(dir);
  const op: number[] = [];
  const floor: number[] = [];
  inputs.forEach((input, i) => {
    let start = performance.now();
    table.insert(i);
    const floorMs = performance.now() - start;
    start = performance.now();
    fn(input);
    const opMs = performance.now() - start;
    if (i < warmUp) return;
    floor.push(floorMs);
    op.push(opMs);
  });
  table.close();
  return { op: percentiles(op), floor: percentiles(floor) };
}

/** The same floor with the disk idle for `idleMs` before each write, as between two check-ins: waking it costs more. */
export async function bareDurableInsertAfterIdle(dir: string, n: number, idleMs: number): Promise<Percentiles> {
  const table = floorTable(dir);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, idleMs));
    const start = performance.now();
    table.insert(i);
    samples.push(performance.now() - start);
  }
  table.close();
  return percentiles(samples);
}

/**
 * WAL pages each of `n` commits writes (what it makes the disk write and sync): the WAL is emptied
 * first and not checkpointed meanwhile, then its growth counted in frames.
 */
export function walPagesPerCommit(db: Database.Database, n: number, commit: (i: number) => void): number {
  const wal = `${db.name}-wal`;
  const frame = (db.pragma('page_size', { simple: true }) as number) + 24;
  db.pragma('wal_checkpoint(TRUNCATE)');
  const auto = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  const before = statSync(wal).size;
  for (let i = 0; i < n; i++) commit(i);
  const pages = (statSync(wal).size - before) / frame / n;
  db.pragma(`wal_autocheckpoint = ${auto}`);
  return pages;
}

/** The floor's WAL pages per commit, measured as the desk's are. */
export function floorWalPages(dir: string, n: number): number {
  const db = new Database(join(dir, 'floor-wal.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  const pages = walPagesPerCommit(db, n, (i) => db.transaction(() => insert.run(`{"n":${i}}`)).immediate());
  db.close();
  return pages;
}
