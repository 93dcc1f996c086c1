import { resolve } from 'node:path';
import { LoketError } from '../../../../shared/errors';
import { backupNow, writeBackup } from '../../backup/backup-file';
import { backupSettings } from '../../backup/backup-settings';
import { Desk } from '../../desk';
import { parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

/** `loket backup --data DIR [--to DIR] [--keep N]`: an online backup now (works while the desk serves). */
export async function backupCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, to: { type: 'string' }, keep: { type: 'string' } });
  const keep = values.keep === undefined ? undefined : Number(values.keep);
  if (keep !== undefined && !(Number.isInteger(keep) && keep > 0)) throw new UsageError('cli.keep', { value: values.keep ?? '' });
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
