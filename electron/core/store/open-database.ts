import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LoketError } from '../../../shared/errors';
import { integrityProblem } from './integrity';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/**
 * Open (or create) a desk database. WAL lets a CLI command and a serving desk use the same file;
 * synchronous=FULL makes every commit fsync the WAL, so a check-in the UI has confirmed survives a
 * power cut or kill -9 (measured in `npm run bench` against a bare durable insert).
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  // A catch-up grows the WAL to the size of everything it brought; once checkpointed it shrinks back to this.
  db.pragma('journal_size_limit = 67108864');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Another desk's file read without a chance of writing to it (a checkpoint, a migration). */
export function openReadOnly(file: string): Db {
  return new Database(file, { readonly: true, fileMustExist: true });
}

/**
 * The start-up check reads every page of the file once: through a memory map rather than one read
 * call per 4 KB page, which cost more than the checking (at 100,000 participants, 130 MB: about
 * 0.1 s instead of 0.15–0.3 s). Only on that read-only connection, closed right after.
 */
const CHECK_MMAP_BYTES = 1 << 30;

const DAMAGED_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE']);

/** Run the check on an open database, closing it and saying why when it is damaged. */
function refuseDamaged<T>(open: () => Db, check: (db: Db) => T, dataDir: string): T {
  let db: Db | null = null;
  try {
    db = open();
    return check(db);
  } catch (error) {
    db?.close();
    db = null;
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && DAMAGED_CODES.has(code)) throw new LoketError('database_damaged', { problem: code, data: dataDir });
    throw error;
  }
}

function damaged(db: Db, dataDir: string): void {
  const problem = integrityProblem(db);
  if (problem) throw new LoketError('database_damaged', { problem, data: dataDir });
}

/**
 * Open a desk's database only if it passes the start-up integrity check. A damaged one is refused
 * with the recovery path (restore a backup, or start fresh and re-join) instead of being written to,
 * which could spread the damage into every later event. The check runs on a read-only connection:
 * closing a read-write one would copy a WAL left by a crash into the damaged file. Only a file of an
 * older schema, which the migrations must write anyway, is checked after them.
 */
export function openCheckedDatabase(file: string, dataDir: string): Db {
  const checked =
    existsSync(file) &&
    refuseDamaged(
      () => {
        const db = openReadOnly(file);
        db.pragma(`mmap_size = ${CHECK_MMAP_BYTES}`);
        return db;
      },
      (db) => {
        const current = db.pragma('user_version', { simple: true }) === MIGRATIONS.length;
        if (current) damaged(db, dataDir);
        db.close();
        return current;
      },
      dataDir,
    );
  return refuseDamaged(
    () => openDatabase(file),
    (db) => {
      if (!checked) damaged(db, dataDir);
      return db;
    },
    dataDir,
  );
}

function migrate(db: Db): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema ${current} is newer than this Loket (${MIGRATIONS.length}); update Loket`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
