import { resolve } from 'node:path';
import { restoreBackup } from '../../backup/restore';
import { parse, required } from '../args';
import type { CommandResult } from '../output';

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
