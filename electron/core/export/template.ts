import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { LoketError } from '../../../shared/errors';
import DEFAULT_TEMPLATE from './templates/peserta.default.json' with { type: 'json' };
import { PARTICIPANT_FIELDS, type ParticipantField } from './participant-fields';
import { nameTakenByReport } from './report-tables';

/**
 * The ministry's participant sheet changes from year to year, so its columns come from a JSON
 * template (header text and field key, in order) that the organizer can replace without a new
 * build. A `null` field is a column the ministry fills in itself (KBLI, Email, …): left empty.
 */
const templateSchema = z.object({
  sheet: z.string().min(1).max(31),
  file: z.string().regex(/^[\w.-]+\.csv$/),
  columns: z
    .array(z.object({ header: z.string().min(1).max(120), field: z.enum(Object.keys(PARTICIPANT_FIELDS) as [ParticipantField, ...ParticipantField[]]).nullable() }))
    .min(1)
    .max(80),
});
export type ParticipantTemplate = z.infer<typeof templateSchema>;

function parseTemplate(json: unknown): ParticipantTemplate {
  const parsed = templateSchema.safeParse(json);
  if (!parsed.success) throw new LoketError('template_invalid', { problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  const taken = nameTakenByReport(parsed.data);
  if (taken) throw new LoketError('template_name_taken', { file: taken });
  return parsed.data;
}

const defaultTemplate = (): ParticipantTemplate => parseTemplate(DEFAULT_TEMPLATE);

/** A template given as text (an upload from the settings screen, or the desk setting it was saved to). */
export function templateFromText(text: string | null): ParticipantTemplate {
  if (text === null) return defaultTemplate();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LoketError('template_invalid', { problem: (error as Error).message });
  }
  return parseTemplate(json);
}

/** `--template FILE` on the command line replaces the desk's template for one export. */
export async function loadTemplate(file: string): Promise<ParticipantTemplate> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new LoketError('template_invalid', { problem: `cannot read ${file}` });
  }
  return templateFromText(text);
}
