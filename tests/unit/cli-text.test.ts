import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseInput } from '../../electron/core/api/parse-input';
import { UsageError } from '../../electron/core/cli/args';
import { BADGE_OPTIONS } from '../../electron/core/cli/commands/badges';
import { CHECKIN_OPTIONS } from '../../electron/core/cli/commands/checkin';
import { HANDOVER_OPTIONS } from '../../electron/core/cli/commands/handover';
import { INIT_OPTIONS } from '../../electron/core/cli/commands/init';
import { refusalText } from '../../electron/core/cli/output';
import { typedInput } from '../../electron/core/cli/typed-input';
import { apiSchemas, eventSetupSchema } from '../../shared/api';
import { ERROR_CODES, type LoketError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { CLI_TEXT } from '../../shared/i18n/cli';
import { MESSAGES } from '../../shared/i18n/messages';
import { propertyRuns } from '../helpers/property-runs';

/** Placeholders that carry a participant's (or a staff member's) personal values into a sentence. */
const PERSONAL = ['name', 'owner', 'nib', 'recipient', 'phone', 'nik', 'operator'];
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);

describe('CLI refusals', () => {
  it('have their own wording, free of personal values, wherever the screen names someone', () => {
    const personal = ERROR_CODES.filter((code) => placeholders(MESSAGES[`error.${code}`].id).some((p) => PERSONAL.includes(p)));
    expect(personal).toEqual(expect.arrayContaining(['wrong_envelope', 'already_handed_over', 'nib_taken']));
    for (const code of personal) {
      for (const lang of ['id', 'en'] as const) {
        const params = Object.fromEntries(PERSONAL.map((p) => [p, `«${p}»`]));
        const text = refusalText(lang, code, { ...params, number: 'ID63110000000000101', time: '09.30 WITA', desk: 'Meja 2' });
        expect(text, `${code} (${lang})`).not.toMatch(/«\w+»/);
        expect(text, `${code} (${lang})`).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('keep the screen wording where it names no one, and name an NIB that was typed and not found', () => {
    expect(refusalText('id', 'qr_forged', {})).toBe(MESSAGES['error.qr_forged'].id);
    expect(refusalText('id', 'participant_not_found', {})).toBe('Data tidak ditemukan.');
    expect(refusalText('en', 'participant_not_found', { nib: '6216955158389' })).toBe('No participant with NIB 6216955158389 on this desk.');
    expect(Object.keys(CLI_TEXT).filter((k) => k.startsWith('cli.error.')).every((k) => (ERROR_CODES as readonly string[]).includes(k.slice('cli.error.'.length)))).toBe(true);
  });
});

/** zod's own English, which must never reach the operator. */
const ZOD_ENGLISH = /Invalid (string|option|input)|expected |Too (big|small)|must match pattern/;
const TEXTS: Record<string, { id: string; en: string }> = { ...MESSAGES, ...CLI_TEXT };

/** Every input the CLI types into the contract: the schema it is checked against, a valid input, and the option of each field. */
const TYPED: [string, z.ZodType, Record<string, unknown>, Readonly<Record<string, string>>][] = [
  ['init', eventSetupSchema.omit({ pin: true }), { name: 'Fasilitasi Halal', date: '2024-05-21', venue: '', nibRequired: true }, INIT_OPTIONS],
  ['checkin', apiSchemas.checkIn, { code: '6216955158389' }, CHECKIN_OPTIONS],
  ['handover', apiSchemas.handOver.omit({ participantId: true }), { number: 'ID63110000000000101', recipient: { kind: 'representative', name: 'Rahmah', relationship: 'anak' }, signature: null }, HANDOVER_OPTIONS],
  ['badges', apiSchemas.batchBadges, {}, BADGE_OPTIONS],
];

/** A copy of `input` with `value` at a dotted path. */
function withValue(input: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  return { ...input, [head!]: rest.length ? withValue((input[head!] ?? {}) as Record<string, unknown>, rest.join('.'), value) : value };
}

const typedValue = fc.oneof(
  fc.string(),
  fc.string({ minLength: 190, maxLength: 420 }),
  fc.constantFrom('', ' ', '\u200b', '21/05/2024', '2024-5-21', '2024-05-21', '2024-13-45', '2024-02-30', '2024-02-29', '63.72', '6372', 'a6', 'A6', 'thermal80 '),
  fc.stringMatching(/^[0-9/.\- ]{0,12}$/),
);

describe('CLI option values the contract refuses', () => {
  it('are usage mistakes that name the option as typed and say, in words of ours in both languages, what it takes', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...TYPED), fc.nat(), typedValue, ([command, schema, valid, options], pick, value) => {
        const fields = Object.keys(options);
        const field = fields[pick % fields.length]!;
        const input = field === 'nib' ? { nib: value } : withValue(valid, field, value);
        let error: unknown = null;
        try {
          typedInput(schema, input, options);
        } catch (e) {
          error = e;
        }
        const zod = schema.safeParse(input);
        expect(error === null, `${command} ${field}=${JSON.stringify(value)}`).toBe(zod.success);
        if (zod.success) return;
        refused++;
        expect(error).toBeInstanceOf(UsageError);
        const usage = error as UsageError;
        expect(usage.params.option).toBe(options[field]);
        for (const lang of ['id', 'en'] as const) {
          const text = t(lang, usage.key, usage.params);
          expect(text).toContain(options[field]!);
          expect(text).not.toMatch(ZOD_ENGLISH);
          expect(Object.keys(usage.params)).toEqual(expect.arrayContaining(placeholders(TEXTS[usage.key]![lang])));
          for (const issue of zod.error.issues) expect(text).not.toContain(issue.message);
        }
      }),
      propertyRuns(400),
    );
    expect(refused).toBeGreaterThan(100);
  });

  it('leave a field no option gave as the bad request it is: a mistake of this program, not of the operator', () => {
    expect(() => typedInput(eventSetupSchema, { name: 'X', date: '2024-05-21', venue: '', pin: '1' }, INIT_OPTIONS)).toThrow(
      expect.objectContaining({ code: 'bad_request' }),
    );
  });
});

describe('a request the desk refuses as invalid', () => {
  it('is shown to the operator without zod’s English, which stays in its parameters for the logs', () => {
    let refused: LoketError | null = null;
    try {
      parseInput('signIn', { name: '\u200b' });
    } catch (e) {
      refused = e as LoketError;
    }
    expect(refused?.code).toBe('bad_request');
    expect(String(refused?.params.detail)).toMatch(ZOD_ENGLISH);
    for (const lang of ['id', 'en'] as const) expect(t(lang, 'error.bad_request', refused!.params)).not.toMatch(ZOD_ENGLISH);
  });
});
