import { Desk } from '../../desk';
import { JoinCodeError } from '../../sync/join-code';
import { joinWithCode, JoinRefused } from '../../sync/join';
import { parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';
import { onceText } from './sync';

/** `loket join`: a fresh desk takes the event secret from the code, keeps its own new ID, and pulls everything. */
export async function join(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, code: { type: 'string' } });
  const code = required(values.code, 'code');
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const j = await joinWithCode(desk, code).catch((error: unknown) => {
      if (error instanceof JoinCodeError) throw new UsageError('error.join_code_invalid');
      if (error instanceof JoinRefused) throw new UsageError('cli.joinNeedsEmptyFolder');
      throw error;
    });
    if (j.result) {
      return { value: { joined: j.eventId, desk: desk.id, from: j.from, ...j.result }, text: `joined ${desk.event()?.name ?? j.eventId}: ${onceText(j.result)}` };
    }
    // The secret is stored: `loket serve` keeps trying the addresses from the code.
    return { value: { joined: j.eventId, desk: desk.id, from: null, failures: j.failures }, text: `joined ${j.eventId}; no desk reachable yet (${j.failures.join('; ')})` };
  } finally {
    desk.close();
  }
}
