import { readdir, rename, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { LoketError } from '../../../shared/errors';
import type { Desk } from '../desk';
import { backupSettings } from './backup-settings';
import { rememberCopy } from './personal-copies';

export type BackupReason = 'auto' | 'import' | 'export' | 'manual' | 'purge';

export interface BackupOutcome {
  file: string;
  pages: number;
}

const WITA_OFFSET_MS = 8 * 3_600_000;

/** "20240521-093005" in WITA: sorts by time and reads like the clock on the wall. */
function stamp(ms: number): string {
  return new Date(ms + WITA_OFFSET_MS).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/** A desk's backups are `loket-<first 6 of the desk ID>-<WITA time>[-n]-<reason>.db`. */
export function backupPattern(deskId: string): RegExp {
  return new RegExp(`^loket-${deskId.slice(0, 6)}-\\d{8}-\\d{6}(?:-\\d+)?-(?:auto|import|export|manual|purge)\\.db$`);
}

export async function listBackups(folder: string, deskId: string): Promise<string[]> {
  const pattern = backupPattern(deskId);
  return (await readdir(folder)).filter((name) => pattern.test(name)).sort();
}

/**
 * Copy the live database to the backup folder with SQLite's online backup (the desk keeps
 * recording meanwhile), under a temporary name first so a pulled stick never leaves a half file
 * that looks like a backup; then drop the oldest beyond the number to keep.
 */
export async function writeBackup(desk: Desk, folder: string, reason: BackupReason, keep: number): Promise<BackupOutcome> {
  const base = `loket-${desk.id.slice(0, 6)}-${stamp(desk.now())}`;
  const existing = new Set(await readdir(folder));
  let name = `${base}-${reason}.db`;
  for (let n = 2; existing.has(name); n++) name = `${base}-${n}-${reason}.db`;
  const partial = join(folder, `.${name}.partial`);
  let pages: number;
  try {
    // Remembered before the copy exists: a purge must find it even if this process stops halfway.
    rememberCopy(desk, 'backupFolders', resolve(folder));
    pages = (await desk.db.backup(partial)).totalPages;
    await rename(partial, join(folder, name));
  } catch (error) {
    await rm(partial, { force: true }).catch(() => undefined);
    throw error;
  }
  const all = await listBackups(folder, desk.id);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) await rm(join(folder, old), { force: true });
  return { file: join(folder, name), pages };
}

/**
 * Back up now to the chosen folder, recording the outcome for the settings screen. A failure is
 * recorded and returned, never thrown: a pulled USB stick must not stop a check-in, import or export.
 */
export async function backupNow(desk: Desk, reason: BackupReason): Promise<BackupOutcome | LoketError> {
  const { folder, keep } = backupSettings(desk);
  if (!folder) return new LoketError('backup_not_configured');
  const pos = desk.store.headPos();
  try {
    const outcome = await writeBackup(desk, folder, reason, keep);
    desk.setMeta('backup_last_at', String(desk.now()));
    desk.setMeta('backup_last_file', basename(outcome.file));
    desk.setMeta('backup_pos', String(pos));
    desk.setMeta('backup_error', null);
    return outcome;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    // The code only (ENOENT, EIO, ENOSPC, EROFS…): a message could name files or personal data.
    const detail = typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
    desk.setMeta('backup_error', JSON.stringify({ at: desk.now(), detail }));
    return new LoketError('backup_failed', { folder, detail });
  }
}

/** Before an import or an export: a backup if a folder is chosen, and on with the work whatever happens. */
export async function backupBefore(desk: Desk, reason: 'import' | 'export'): Promise<void> {
  if (backupSettings(desk).folder) await backupNow(desk, reason);
}
