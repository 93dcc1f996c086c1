import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNib } from '../../shared/domain/nib';
import { formatPhone, parsePhone } from '../../shared/domain/phone';
import { matchRegency } from '../../shared/domain/regency';
import { tidyName } from '../../shared/domain/text';
import { propertyRuns } from '../helpers/property-runs';

describe('NIB', () => {
  it('keeps a 13-digit text NIB, leading zero included', () => {
    expect(parseNib('0289010302776')).toEqual({ ok: true, nib: '0289010302776' });
    expect(parseNib(' 1112210007923 ')).toEqual({ ok: true, nib: '1112210007923' });
  });

  it('restores the zeros Excel dropped from a number cell', () => {
    expect(parseNib(289010302776)).toEqual({ ok: true, nib: '0289010302776', restored: true });
    expect(parseNib(99545677448)).toEqual({ ok: true, nib: '0099545677448', restored: true });
    expect(parseNib(1112210007923)).toEqual({ ok: true, nib: '1112210007923' });
  });

  it('refuses a number cell too short to be a restorable NIB', () => {
    expect(parseNib(1234567890)).toEqual({ ok: false, reason: 'wrong_length' });
    expect(parseNib(12345678901234)).toEqual({ ok: false, reason: 'wrong_length' });
    expect(parseNib(1.5)).toEqual({ ok: false, reason: 'not_digits' });
  });

  it('removes spaces and separators but does not restore a short text NIB', () => {
    expect(parseNib('9724 3255 76761')).toEqual({ ok: true, nib: '9724325576761' });
    expect(parseNib('0289-0103-02776')).toEqual({ ok: true, nib: '0289010302776' });
    expect(parseNib('87410199748')).toEqual({ ok: false, reason: 'wrong_length' });
  });

  it('reads the usual "not yet" markers as missing', () => {
    for (const cell of [null, '', '  ', '-', '--', 'belum ada', 'Belum', 'proses', 'tidak ada', 'N/A']) {
      expect(parseNib(cell)).toEqual({ ok: false, reason: 'missing' });
    }
    expect(parseNib('12345abc67890')).toEqual({ ok: false, reason: 'not_digits' });
  });

  it('reads text as its steps do, the 13 digits it takes as they are among them', () => {
    // The steps for a text cell, which parseNib skips for a cell of exactly 13 digits.
    const stepwise = (cell: string) => {
      const text = cell.replace(/[\s\u00a0.\-']/g, '');
      if (!text || /^(-+|belum( ada)?|proses|tidak ada|n\/?a|null|kosong)$/i.test(cell.trim())) return { ok: false, reason: 'missing' };
      if (!/^\d+$/.test(text)) return { ok: false, reason: 'not_digits' };
      if (text.length !== 13) return { ok: false, reason: 'wrong_length' };
      return { ok: true, nib: text };
    };
    const cell = fc.oneof(
      fc.stringMatching(/^\d{11,14}$/),
      fc.stringMatching(/^[\d .'-]{10,16}$/),
      fc.array(fc.constantFrom('0', '9', ' ', '.', '-', "'", '\u00a0', '\u200b', '\u0660', '\uff10', 'a', 'e', '+'), { maxLength: 16 }).map((c) => c.join('')),
    );
    fc.assert(
      fc.property(cell, (text) => {
        expect(parseNib(text)).toEqual(stepwise(text));
      }),
      propertyRuns(2000),
    );
  });
});

describe('phone', () => {
  it.each([
    ['+62 812-3456-7890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['0812 3456 7890', '+6281234567890'],
    ['(0812) 3456-789', '+628123456789'],
    ['085012345678', '+6285012345678'],
  ])('reads %s as %s', (cell, phone) => {
    expect(parsePhone(cell)).toEqual({ ok: true, phone });
  });

  it('reads a number cell that lost its leading 0', () => {
    expect(parsePhone(82954141067)).toEqual({ ok: true, phone: '+6282954141067' });
  });

  it('refuses landlines, short numbers and text', () => {
    for (const cell of ['0511-3271234', '0812345', '+62 812', 'WA saja', '0840123456789012']) {
      expect(parsePhone(cell)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('reads the 0062 call prefix and a bracketed trunk zero', () => {
    expect(parsePhone('0062 812 3456 7890')).toEqual({ ok: true, phone: '+6281234567890' });
    expect(parsePhone('+62 (0)812-3456-7890')).toEqual({ ok: true, phone: '+6281234567890' });
  });

  it('reads "-" and "tidak ada" as no phone', () => {
    for (const cell of [null, '', '-', 'tidak ada', 'Tdk Ada']) expect(parsePhone(cell)).toEqual({ ok: false, reason: 'missing' });
  });

  it('shows the stored form the Indonesian way', () => {
    expect(formatPhone('+6281234567890')).toBe('0812-3456-7890');
  });
});

describe('regency', () => {
  it.each([
    ['Banjar', '63.03'],
    ['KAB. BANJAR', '63.03'],
    ['Kab.Banjar', '63.03'],
    ['Kabupaten Banjar', '63.03'],
    ['Martapura', '63.03'],
    ['Banjarmasin', '63.71'],
    ['KOTA BANJARMASIN', '63.71'],
    ['Bjm', '63.71'],
    ['Banjarbaru', '63.72'],
    ['BANJAR BARU', '63.72'],
    ['Kota Banjar Baru', '63.72'],
    ['Bjb', '63.72'],
    ['Tala', '63.01'],
    ['Kab Tanah Laut', '63.01'],
    ['Batola', '63.04'],
    ['KAB. BARITO KUALA', '63.04'],
    ['Tapin', '63.05'],
    ['KOTA BARU', '63.02'],
    ['Kotabaru', '63.02'],
    ['Kabupaten Kotabaru', '63.02'],
    ['6303', '63.03'],
    ['63.72', '63.72'],
  ])('reads %s as %s', (raw, code) => {
    expect(matchRegency(raw)).toBe(code);
  });

  it('never takes one of Banjar, Banjarmasin and Banjarbaru for another', () => {
    const banjar = ['Banjar', 'Kab. Banjar', 'KABUPATEN BANJAR'].map(matchRegency);
    const banjarmasin = ['Banjarmasin', 'Kota Banjarmasin', 'BJM'].map(matchRegency);
    const banjarbaru = ['Banjarbaru', 'BANJAR BARU', 'Kota Banjarbaru', 'BJB'].map(matchRegency);
    expect(new Set(banjar)).toEqual(new Set(['63.03']));
    expect(new Set(banjarmasin)).toEqual(new Set(['63.71']));
    expect(new Set(banjarbaru)).toEqual(new Set(['63.72']));
  });

  it('reports "Kota Banjar", which names no town, instead of guessing', () => {
    expect(matchRegency('Kota Banjar')).toBeNull();
    expect(matchRegency('Kab. Banjar')).toBe('63.03');
  });

  it('does not guess at names it does not know', () => {
    for (const raw of ['Banjarmasin Utara', 'Banjar Raya', 'Kalimantan Selatan', 'Kota', '63.99', '', 'Banj']) {
      expect(matchRegency(raw)).toBeNull();
    }
  });
});

describe('names', () => {
  it('title-cases a name typed in capitals, keeping apostrophes and honorifics right', () => {
    expect(tidyName("  NUR'AINI   RAMADHANI  ")).toBe("Nur'aini Ramadhani");
    expect(tidyName("ma'rifah aini")).toBe("Ma'rifah Aini");
    expect(tidyName('HJ. SITI AL-BANJARI, S.PD.')).toBe('Hj. Siti Al-Banjari, S.Pd.');
  });

  it('capitalizes a first letter outside ASCII too', () => {
    expect(tidyName('ÉLODIE ÑUÑEZ')).toBe('Élodie Ñuñez');
  });

  it('leaves a name already written in mixed case alone', () => {
    expect(tidyName('Ir. Gusti Yanti')).toBe('Ir. Gusti Yanti');
    expect(tidyName('McAdam bin Yusuf')).toBe('McAdam bin Yusuf');
  });
});
