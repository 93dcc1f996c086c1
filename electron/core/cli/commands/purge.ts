import { t } from '../../../../shared/i18n';
import { Desk } from '../../desk';
import { purgePersonalData } from '../../services/privacy-service';
import { langOf, parse, required, UsageError } from '../args';
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
  const lang = langOf(argv);
  const pin = await readPin(t(lang, 'cli.pinPrompt'));
  if (!pin) throw new UsageError('cli.pinNeeded');
  const desk = Desk.open(data);
  try {
    if (!desk.operator) desk.setMeta('operator', values.operator?.trim() || 'CLI');
    const outcome = await purgePersonalData(desk, pin);
    return { value: outcome, text: t(lang, 'cli.purged', { copies: outcome.copiesRemoved }) };
  } finally {
    desk.close();
  }
}
