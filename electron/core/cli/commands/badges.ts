import { writeFile } from 'node:fs/promises';
import { BADGE_LAYOUTS, type BadgeLayout } from '../../../../shared/api';
import { Desk } from '../../desk';
import { batchBadges } from '../../services/badge-service';
import { parse, regencyOf, required, UsageError } from '../args';
import type { CommandResult } from '../output';

function layoutOf(value: string | undefined): BadgeLayout | undefined {
  if (value === undefined) return undefined;
  if (!(BADGE_LAYOUTS as readonly string[]).includes(value)) throw new UsageError('cli.layout', { layouts: BADGE_LAYOUTS.join(', ') });
  return value as BadgeLayout;
}

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
  const input = { regency: regencyOf(values.regency), layout: layoutOf(values.layout) };
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const pdf = await batchBadges(desk, input, values.operator?.trim() || 'CLI');
    await writeFile(out, Buffer.from(pdf.contentBase64, 'base64'));
    return { value: { file: out, badges: pdf.count }, text: `${out}: ${pdf.count} kartu peserta` };
  } finally {
    desk.close();
  }
}
