import { writeFile } from 'node:fs/promises';
import { apiSchemas } from '../../../../shared/api';
import { t } from '../../../../shared/i18n';
import { Desk } from '../../desk';
import { batchBadges } from '../../services/badge-service';
import { langOf, parse, required } from '../args';
import type { CommandResult } from '../output';
import { typedInput } from '../typed-input';

export const BADGE_OPTIONS = { regency: '--regency', layout: '--layout' } as const;

/** One PDF of badges, sorted by regency and name, for printing before the day. */
export async function badges(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, {
    data: { type: 'string' },
    out: { type: 'string' },
    regency: { type: 'string' },
    layout: { type: 'string' },
    operator: { type: 'string' },
  });
  const out = required(values.out, 'out');
  const input = typedInput(apiSchemas.batchBadges, { regency: values.regency, layout: values.layout }, BADGE_OPTIONS);
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const pdf = await batchBadges(desk, input, values.operator?.trim() || 'CLI');
    await writeFile(out, Buffer.from(pdf.contentBase64, 'base64'));
    return { value: { file: out, badges: pdf.count }, text: t(langOf(argv), pdf.count === 1 ? 'cli.badge' : 'cli.badges', { file: out, count: pdf.count }) };
  } finally {
    desk.close();
  }
}
