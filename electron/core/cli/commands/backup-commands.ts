import { resolve } from 'node:path';
import { LoketError } from '../../../../shared/errors';
import { backupNow, writeBackup } from '../../backup/backup-file';
import { backupSettings } from '../../backup/backup-settings';
import { restoreBackup } from '../../backup/restore';
import { Desk } from '../../desk';
import { purgePersonalData } from '../../services/privacy-service';
import { damagedEvents, eventLabel } from '../../store/integrity';
import { parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

/** `loket backup --data DIR [--to DIR] [--keep N]`: an online backup now (works while the desk serves). */
export async function backupCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, to: { type: 'string' }, keep: { type: 'string' } });
  const keep = values.keep === undefined ? undefined : Number(values.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep > 0)) throw new UsageError(`--keep must be a positive whole number, not "${values.keep}"`);
  const desk = Desk.open(required(values.data, 'data'));
  try {
    if (values.to) {
      const folder = resolve(values.to);
      const outcome = await writeBackup(desk, folder, 'manual', keep ?? backupSettings(desk).keep).catch((error: unknown) => {
        throw new LoketError('backup_failed', { folder, detail: (error as { code?: string }).code ?? 'unknown' });
      });
      return { value: outcome, text: outcome.file };
    }
    const outcome = await backupNow(desk, 'manual');
    if (outcome instanceof LoketError) throw outcome;
    return { value: outcome, text: outcome.file };
  } finally {
    desk.close();
  }
}

/** `loket restore --data DIR --from FILE`: the backup becomes this folder's database under a new desk ID. */
export async function restoreCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, from: { type: 'string' } });
  const outcome = restoreBackup(resolve(required(values.data, 'data')), resolve(required(values.from, 'from')));
  const aside = outcome.setAside ? `\nbasis data sebelumnya disimpan / previous database kept: ${outcome.setAside}` : '';
  return {
    value: outcome,
    text: `dipulihkan / restored: ${outcome.events} events; meja baru / new desk ID ${outcome.deskId} (was ${outcome.fromDesk})${aside}`,
  };
}

/**
 * `loket check --data DIR [--full]`: the start-up integrity check on its own (pages, log gaps, the
 * newest events' hashes); `--full` re-hashes every event of the log. Exits 1 with the recovery path when damaged.
 */
export async function checkCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, full: { type: 'boolean' } });
  const data = required(values.data, 'data');
  const desk = Desk.open(data);
  try {
    const full = values.full === true;
    if (full) {
      const damaged = damagedEvents(desk.db);
      const first = damaged[0];
      if (first) throw new LoketError('database_damaged', { problem: `${damaged.length} events altered, first ${eventLabel(first)}`, data });
    }
    return { value: { ok: true, events: desk.store.count(), full }, text: `OK: ${desk.store.count()} events${full ? ', every one re-hashed' : ''}` };
  } finally {
    desk.close();
  }
}

/** `loket purge --data DIR --pin PIN`: destroy this desk's personal data after the export; counts stay. */
export async function purgeCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, pin: { type: 'string' }, operator: { type: 'string' } });
  const pin = required(values.pin, 'pin');
  const desk = Desk.open(required(values.data, 'data'));
  try {
    if (!desk.operator) desk.setMeta('operator', values.operator?.trim() || 'CLI');
    const outcome = await purgePersonalData(desk, pin);
    return { value: outcome, text: `data pribadi dihapus / personal data purged; ${outcome.backupsRemoved} backups removed` };
  } finally {
    desk.close();
  }
}
