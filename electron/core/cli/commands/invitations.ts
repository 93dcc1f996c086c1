import { t } from '../../../../shared/i18n';
import { writeInvitations } from '../../badges/invitations';
import { Desk } from '../../desk';
import { langOf, parse, regencyOf, required } from '../args';
import type { CommandResult } from '../output';

/** A PNG invitation per participant, named by NIB and name, to send ahead by WhatsApp. */
export async function invitations(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' }, regency: { type: 'string' } });
  const out = required(values.out, 'out');
  const regency = regencyOf(values.regency);
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const files = await writeInvitations(desk, out, regency);
    return { value: { folder: out, files: files.length }, text: t(langOf(argv), files.length === 1 ? 'cli.invitation' : 'cli.invitations', { folder: out, count: files.length }) };
  } finally {
    desk.close();
  }
}
