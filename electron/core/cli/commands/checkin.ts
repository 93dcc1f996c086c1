import { apiSchemas } from '../../../../shared/api';
import { t } from '../../../../shared/i18n';
import { checkIn } from '../../services/checkin-service';
import { langOf, nibOf, parse, UsageError } from '../args';
import { openDesk, operatorOf } from '../desk-args';
import type { CommandResult } from '../output';
import { typedInput } from '../typed-input';

export const CHECKIN_OPTIONS = { nib: '--nib', code: '--qr' } as const;

export async function checkin(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, nib: { type: 'string' }, qr: { type: 'string' }, operator: { type: 'string' } });
  if (!values.nib === !values.qr) throw new UsageError('cli.nibOrQr');
  const input = typedInput(apiSchemas.checkIn, values.qr !== undefined ? { code: values.qr } : { nib: nibOf(values.nib!) }, CHECKIN_OPTIONS);
  const desk = openDesk(values.data);
  try {
    const outcome = checkIn(desk, input, operatorOf(values.operator));
    // Text output ends up in terminals and scripts' logs: the participant's ID, never name or NIB (--json has the record).
    const text = t(langOf(argv), outcome.status === 'checked_in' ? 'cli.checkedIn' : 'cli.alreadyPresent', { participant: outcome.participant.id });
    return { value: outcome, text };
  } finally {
    desk.close();
  }
}
