import type { ApiParsed, BackupOverview } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';
import type { Desk } from '../desk';
import { backupNow, listBackups } from '../backup/backup-file';
import { backupSettings, backupState, setBackupSettings } from '../backup/backup-settings';

export async function backupOverview(desk: Desk): Promise<BackupOverview> {
  const settings = backupSettings(desk);
  const files = settings.folder ? await listBackups(settings.folder, desk.id).catch(() => null) : [];
  return { ...settings, ...backupState(desk), files: files ?? [], folderReachable: files !== null };
}

export async function changeBackupSettings(desk: Desk, input: ApiParsed<'setBackupSettings'>): Promise<BackupOverview> {
  setBackupSettings(desk, input);
  return backupOverview(desk);
}

/** The organizer's "Cadangkan sekarang": unlike the automatic ones, a failure is reported as an error. */
export async function backupNowService(desk: Desk): Promise<BackupOverview> {
  const outcome = await backupNow(desk, 'manual');
  if (outcome instanceof LoketError) throw outcome;
  return backupOverview(desk);
}
