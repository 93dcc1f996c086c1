import { parseInput } from '../../api/parse-input';
import { checkIn } from '../../services/checkin-service';
import { parse, UsageError } from '../args';
import { openDesk, operatorOf } from '../desk-args';
import type { CommandResult } from '../output';

export async function checkin(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, nib: { type: 'string' }, qr: { type: 'string' }, operator: { type: 'string' } });
  if (!values.nib === !values.qr) throw new UsageError('cli.nibOrQr');
  const input = values.qr !== undefined ? { code: values.qr } : { nib: values.nib };
  const desk = openDesk(values.data);
  try {
    const outcome = checkIn(desk, parseInput('checkIn', input), operatorOf(values.operator));
    // Text output ends up in terminals and scripts' logs: the participant's ID, never name or NIB (--json has the record).
    return { value: outcome, text: `${outcome.status === 'checked_in' ? 'HADIR' : 'SUDAH HADIR'}: peserta ${outcome.participant.id}` };
  } finally {
    desk.close();
  }
}
