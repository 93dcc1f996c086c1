import { Desk } from '../../desk';
import { parse, required } from '../args';
import type { CommandResult } from '../output';

/** `loket check --data DIR`: the start-up integrity check on its own; exits 1 with the recovery path when damaged. */
export async function checkCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' } });
  const desk = Desk.open(required(values.data, 'data'));
  try {
    return { value: { ok: true, events: desk.store.count() }, text: `OK: ${desk.store.count()} events` };
  } finally {
    desk.close();
  }
}
