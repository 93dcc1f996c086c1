import type { Desk } from '../desk';

/**
 * Where and how often this machine backs up. Desk-local (meta), not events: the folder is a path on
 * this laptop (a USB stick), meaningless to the other desks.
 */
export interface BackupSettings {
  folder: string | null;
  intervalMin: number;
  keep: number;
}

export interface BackupState {
  lastAt: number | null;
  lastFile: string | null;
  /** The last attempt failed (stick pulled, full, read-only): shown to the organizer until a backup succeeds. */
  error: { at: number; detail: string } | null;
}

export const DEFAULT_INTERVAL_MIN = 5;
export const DEFAULT_KEEP = 12;

function positive(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function backupSettings(desk: Desk): BackupSettings {
  return {
    folder: desk.meta('backup_folder'),
    intervalMin: positive(desk.meta('backup_interval_min'), DEFAULT_INTERVAL_MIN),
    keep: positive(desk.meta('backup_keep'), DEFAULT_KEEP),
  };
}

export function setBackupSettings(desk: Desk, change: Partial<BackupSettings>): BackupSettings {
  if (change.folder !== undefined) desk.setMeta('backup_folder', change.folder);
  if (change.intervalMin !== undefined) desk.setMeta('backup_interval_min', String(change.intervalMin));
  if (change.keep !== undefined) desk.setMeta('backup_keep', String(change.keep));
  return backupSettings(desk);
}

export function backupState(desk: Desk): BackupState {
  const error = desk.meta('backup_error');
  const lastAt = desk.meta('backup_last_at');
  return {
    lastAt: lastAt === null ? null : Number(lastAt),
    lastFile: desk.meta('backup_last_file'),
    error: error === null ? null : (JSON.parse(error) as BackupState['error']),
  };
}
