import { writeFile } from 'node:fs/promises';
import { Desk } from '../../desk';
import { invitation, joinQrPng } from '../../sync/join';
import { parse, required } from '../args';
import type { CommandResult } from '../output';

/** `loket invite`: the typed join code (and, with --qr, the join QR as PNG) for this desk's event. */
export async function invite(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, qr: { type: 'string' }, address: { type: 'string', multiple: true } });
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const { code, eventId, addresses } = invitation(desk, values.address);
    if (values.qr) await writeFile(values.qr, await joinQrPng(code));
    return { value: { code, eventId, addresses }, text: code };
  } finally {
    desk.close();
  }
}
