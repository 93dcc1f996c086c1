import { Desk } from '../../desk';
import { purgePersonalData } from '../../services/privacy-service';
import { parse, required, UsageError } from '../args';
import { readPin, refusePinOption } from '../pin-input';
import type { CommandResult } from '../output';

/**
 * `loket purge --data DIR`: destroy this desk's personal data after the export; counts stay. The
 * PIN comes from LOKET_PIN, a prompt or stdin, and counts towards the desk's lockout like any other.
 */
export async function purgeCommand(argv: string[]): Promise<CommandResult> {
  refusePinOption(argv);
  const { values } = parse(argv, { data: { type: 'string' }, operator: { type: 'string' } });
  const data = required(values.data, 'data');
  const pin = await readPin('PIN panitia / organizer PIN:');
  if (!pin) throw new UsageError('cli.pinNeeded');
  const desk = Desk.open(data);
  try {
    if (!desk.operator) desk.setMeta('operator', values.operator?.trim() || 'CLI');
    const outcome = await purgePersonalData(desk, pin);
    return { value: outcome, text: `data pribadi dihapus / personal data purged; ${outcome.copiesRemoved} copies removed (backups, set-aside databases, bundles)` };
  } finally {
    desk.close();
  }
}
