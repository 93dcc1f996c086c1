import { resolve } from 'node:path';
import { t } from '../../../../shared/i18n';
import { restoreBackup } from '../../backup/restore';
import { langOf, parse, required } from '../args';
import type { CommandResult } from '../output';

/** `loket restore --data DIR --from FILE`: the backup becomes this folder's database under a new desk ID. */
export async function restoreCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, from: { type: 'string' } });
  const outcome = restoreBackup(resolve(required(values.data, 'data')), resolve(required(values.from, 'from')));
  const lang = langOf(argv);
  const restored = t(lang, 'cli.restored', { events: outcome.events, desk: outcome.deskId, from: outcome.fromDesk });
  return { value: outcome, text: outcome.setAside ? `${restored}\n${t(lang, 'cli.restoredAside', { file: outcome.setAside })}` : restored };
}
