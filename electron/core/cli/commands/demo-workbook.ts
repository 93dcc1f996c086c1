import { writeFile } from 'node:fs/promises';
import { t } from '../../../../shared/i18n';
import { generateParticipants } from '../../demo/participants';
import { writeMessyWorkbook } from '../../demo/messy-workbook';
import { langOf, parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

/** A synthetic participant list as messy as the ones the Dinas sends, to try the import with. */
export async function demoWorkbook(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { out: { type: 'string' }, count: { type: 'string' }, seed: { type: 'string' } });
  const out = required(values.out, 'out');
  const count = Number(values.count ?? 60);
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(count) || count < 1 || count > 200_000) throw new UsageError('cli.count');
  if (!Number.isInteger(seed)) throw new UsageError('cli.seed');
  await writeFile(out, await writeMessyWorkbook(generateParticipants(count, seed), { seed }));
  return { value: { file: out, participants: count }, text: t(langOf(argv), 'cli.demoWorkbook', { file: out, count }) };
}
