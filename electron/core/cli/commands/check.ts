import { LoketError } from '../../../../shared/errors';
import { t } from '../../../../shared/i18n';
import { Desk } from '../../desk';
import { damagedEvents, eventLabel } from '../../store/integrity';
import { langOf, parse, required } from '../args';
import type { CommandResult } from '../output';

/**
 * `loket check --data DIR [--full]`: the start-up integrity check on its own (pages, log gaps, the
 * newest events' hashes); `--full` re-hashes every event of the log. Exits 1 with the recovery path when damaged.
 */
export async function checkCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, full: { type: 'boolean' } });
  const data = required(values.data, 'data');
  const desk = Desk.open(data);
  try {
    const full = values.full === true;
    if (full) {
      const damaged = damagedEvents(desk.db);
      const first = damaged[0];
      if (first) throw new LoketError('database_damaged', { problem: `${damaged.length} events altered, first ${eventLabel(first)}`, data });
    }
    return { value: { ok: true, events: desk.store.count(), full }, text: t(langOf(argv), full ? 'cli.checkedFull' : 'cli.checked', { count: desk.store.count() }) };
  } finally {
    desk.close();
  }
}
