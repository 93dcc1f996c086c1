import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LoketError } from '../../../shared/errors';
import { Desk, type DeskOptions } from '../desk';
import { newDeskId } from '../ids';
import { makeDataDir } from '../paths';
import { integrityProblem } from '../store/integrity';
import { openDatabase, openReadOnly } from '../store/open-database';
import { COPIES_KEY, mergeCopies, parseCopies, type PersonalCopies } from './personal-copies';

export interface RestoreOutcome {
  /** The new identity this data folder records under from now on. */
  deskId: string;
  fromDesk: string;
  /** The old desk's last event in the backup; its later events come back from the other desks. */
  fromSeq: number;
  events: number;
  /** Where the database that was there before went (kept, never deleted), or null. */
  setAside: string | null;
}

const SIDE_FILES = ['', '-wal', '-shm'];

function moveSet(from: string, to: string): void {
  for (const suffix of SIDE_FILES) if (existsSync(from + suffix)) renameSync(from + suffix, to + suffix);
}

function removeSet(file: string): void {
  for (const suffix of SIDE_FILES) rmSync(file + suffix, { force: true });
}

/**
 * The backup folders and bundles the database being replaced wrote (some after the backup was
 * taken): the restored desk's purge must find them too. Nothing when it cannot be read.
 */
function copiesWrittenBy(file: string): PersonalCopies {
  if (!existsSync(file)) return parseCopies(null);
  try {
    const db = openReadOnly(file);
    try {
      return parseCopies(db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(COPIES_KEY) as string | undefined);
    } finally {
      db.close();
    }
  } catch {
    return parseCopies(null);
  }
}

/**
 * Put a backup in place as this data folder's database, under a NEW desk ID. The old desk may have
 * recorded and sent events after the backup was taken; reusing its ID would number new events with
 * sequence numbers the others already hold with other content (an integrity alarm on every desk,
 * and lost check-ins). With a new ID the old desk's log is simply a desk that stopped: its later
 * events flow back from the peers, and this desk's own events start again at seq 1.
 */
export function restoreBackup(dataDir: string, fromFile: string, options: DeskOptions = {}): RestoreOutcome {
  makeDataDir(dataDir);
  const target = join(dataDir, 'loket.db');
  const staging = join(dataDir, 'loket.db.restoring');
  removeSet(staging);
  const invalid = (problem: string) => new LoketError('backup_invalid', { file: basename(fromFile), problem });
  if (!existsSync(fromFile)) throw invalid('ENOENT');
  copyFileSync(fromFile, staging);

  const deskId = newDeskId();
  let fromDesk: string;
  let fromSeq: number;
  let oldName: string | null;
  try {
    const db = openDatabase(staging);
    try {
      const problem = integrityProblem(db);
      if (problem) throw invalid(problem);
      const meta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
      const id = meta.get('desk_id') as string | undefined;
      if (!id || !meta.get('event_secret')) throw invalid('no desk identity');
      fromDesk = id;
      fromSeq = (db.prepare('SELECT seq FROM vector WHERE desk = ?').pluck().get(id) as number | undefined) ?? 0;
      const state = db.prepare('SELECT state FROM subjects WHERE subject = ?').pluck().get(`desk:${id}`) as string | undefined;
      oldName = state ? (JSON.parse(state) as { name: string | null }).name : null;
      db.prepare("UPDATE meta SET value = ? WHERE key = 'desk_id'").run(deskId);
      const copies = mergeCopies(parseCopies(meta.get(COPIES_KEY) as string | undefined), copiesWrittenBy(target));
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(COPIES_KEY, JSON.stringify(copies));
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  } catch (error) {
    removeSet(staging);
    if (error instanceof LoketError) throw error;
    throw invalid((error as { code?: string }).code ?? 'unreadable');
  }

  let setAside: string | null = null;
  if (existsSync(target)) {
    setAside = `${target}.before-restore-${new Date(options.now?.() ?? Date.now()).toISOString().replace(/[-:.]/g, '')}`;
    moveSet(target, setAside);
  }
  moveSet(staging, target);

  const desk = Desk.open(dataDir, options);
  try {
    const name = `${oldName ?? `Meja ${fromDesk.slice(0, 4).toUpperCase()}`} (pulih)`.slice(0, 80);
    desk.record(
      [
        { type: 'desk.restored', body: { fromDesk, backupFile: basename(fromFile).slice(0, 260), fromSeq } },
        { type: 'desk.named', body: { name } },
      ],
      desk.operator ?? 'panitia',
    );
    return { deskId, fromDesk, fromSeq, events: desk.store.count(), setAside };
  } finally {
    desk.close();
  }
}
