import { describe, expect, it } from 'vitest';
import { refusalText } from '../../electron/core/cli/output';
import { ERROR_CODES } from '../../shared/errors';
import { CLI_TEXT } from '../../shared/i18n/cli';
import { MESSAGES } from '../../shared/i18n/messages';

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
