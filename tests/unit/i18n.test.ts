import { describe, expect, it } from 'vitest';
import { ORGANIZER_PIN } from '../../shared/domain/pin';
import { t } from '../../shared/i18n';

describe('UI sentences', () => {
  it('end a sentence once after a name that ends in an abbreviation', () => {
    expect(t('id', 'handover.wrongLocal', { number: 'ID63110000123450524', name: 'Drs. H. Ahmad Yani, S.Sos.' })).toBe(
      'Sertifikat ID63110000123450524 bukan milik Drs. H. Ahmad Yani, S.Sos.',
    );
    expect(t('en', 'handover.wrongLocal', { number: 'ID63110000123450524', name: 'Siti Aminah' })).toBe('Certificate ID63110000123450524 does not belong to Siti Aminah.');
    // A full stop inside the value, or a template without one after it, is left alone.
    expect(t('id', 'print.done', { name: 'Gusti Abdul Zulkifli, A.Md.' })).toBe('Kartu Gusti Abdul Zulkifli, A.Md. dicetak.');
    expect(t('id', 'error.nib_invalid', { value: '12.345.' })).toBe('NIB harus 13 angka: "12.345.".');
  });

  it('give the organizer PIN the length its rule asks, on the setup form and in its error', () => {
    for (const lang of ['id', 'en'] as const) {
      for (const key of ['setup.pin', 'setup.errPin'] as const) {
        const [, min, max] = t(lang, key).match(/(\d+)–(\d+)/)!.map(Number);
        expect([min! - 1, min, max, max! + 1].map((n) => ORGANIZER_PIN.test('7'.repeat(n!))), `${lang} ${key}`).toEqual([false, true, true, false]);
      }
    }
  });

});
