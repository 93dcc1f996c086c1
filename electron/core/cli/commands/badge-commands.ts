import { writeFile } from 'node:fs/promises';
import { BADGE_LAYOUTS, type BadgeLayout } from '../../../../shared/api';
import { Desk } from '../../desk';
import { batchBadges } from '../../services/badge-service';
import { parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

function layoutOf(value: string | undefined): BadgeLayout | undefined {
  if (value === undefined) return undefined;
  if (!(BADGE_LAYOUTS as readonly string[]).includes(value)) throw new UsageError(`--layout must be one of ${BADGE_LAYOUTS.join(', ')}`);
  return value as BadgeLayout;
}

function regencyOf(value: string | undefined): string | undefined {
  if (value !== undefined && !/^63\.\d{2}$/.test(value)) throw new UsageError('--regency is a code such as 63.72');
  return value;
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

/** A PNG invitation per participant, named by NIB and name, to send ahead by WhatsApp. */
export async function invitations(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' }, regency: { type: 'string' } });
  const out = required(values.out, 'out');
  const regency = regencyOf(values.regency);
  // Loaded here, not with the module: it brings the browser driver, which `loket badges` does without.
  const { writeInvitations } = await import('../../badges/invitations');
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const files = await writeInvitations(desk, out, regency);
    return { value: { folder: out, files: files.length }, text: `${out}: ${files.length} undangan` };
  } finally {
    desk.close();
  }
}
