import { t } from '../../../../shared/i18n';
import { Desk } from '../../desk';
import { JoinCodeError } from '../../sync/join-code';
import { joinWithCode, JoinRefused } from '../../sync/join';
import { langOf, parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';
import { onceText } from './sync';

/** `loket join`: a fresh desk takes the event secret from the code, keeps its own new ID, and pulls everything. */
export async function join(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, code: { type: 'string' } });
  const code = required(values.code, 'code');
  const desk = Desk.open(required(values.data, 'data'));
  const lang = langOf(argv);
  try {
    const j = await joinWithCode(desk, code).catch((error: unknown) => {
      if (error instanceof JoinCodeError) throw new UsageError('error.join_code_invalid');
      if (error instanceof JoinRefused) throw new UsageError('cli.joinNeedsEmptyFolder');
      throw error;
    });
    if (j.result) {
      const text = t(lang, 'cli.joined', { event: desk.event()?.name ?? j.eventId, exchange: onceText(lang, j.result) });
      return { value: { joined: j.eventId, desk: desk.id, from: j.from, ...j.result }, text };
    }
    // The secret is stored: `loket serve` keeps trying the addresses from the code.
    const failures = j.failures.map((f) => ({ address: f.address, ...f.error, message: t(lang, `error.${f.error.code}`, f.error.params) }));
    return { value: { joined: j.eventId, desk: desk.id, from: null, failures }, text: [t(lang, 'cli.joinedUnreached', { event: j.eventId }), ...failures.map((f) => `! ${f.message}`)].join('\n') };
  } finally {
    desk.close();
  }
}
