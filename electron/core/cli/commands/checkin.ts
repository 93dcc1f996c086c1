import { apiSchemas } from '../../../../shared/api';
import { checkIn } from '../../services/checkin-service';
import { nibOf, parse, UsageError } from '../args';
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
    return { value: outcome, text: `${outcome.status === 'checked_in' ? 'HADIR' : 'SUDAH HADIR'}: peserta ${outcome.participant.id}` };
  } finally {
    desk.close();
  }
}
