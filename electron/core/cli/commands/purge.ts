import { Desk } from '../../desk';
import { purgePersonalData } from '../../services/privacy-service';
import { parse, required } from '../args';
import type { CommandResult } from '../output';

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
