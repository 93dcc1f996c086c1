import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { exportDay } from '../../electron/core/export/export-day';
import { commitImport } from '../../electron/core/services/import-service';
import { parseNik } from '../../shared/domain/nik';
import { cleanText, foldText, tidyName } from '../../shared/domain/text';
import { openEventDesk, SESSION } from '../helpers/desk-fixture';
import { propertyRuns } from '../helpers/property-runs';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** Characters a reader cannot see: controls, bidi overrides and isolates, zero-width and other format characters. */
const INVISIBLES = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u00ad', '\u061c', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202e', '\u2060', '\u2066', '\u2069', '\ufeff', '\ud800', '\udc00'];
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const text = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom(...INVISIBLES, 'e\u0301', 'A\u030a', ' ', '\t', '\n', '\u00a0')), { maxLength: 20 })
  .map((parts) => parts.join(''));

describe('cleanText', () => {
  it('gives NFC text without control, bidi-override or zero-width characters, no runs of space, and is idempotent', () => {
    fc.assert(
      fc.property(text, (raw) => {
        const clean = cleanText(raw);
        expect(clean.normalize('NFC')).toBe(clean);
        expect(clean).not.toMatch(FORBIDDEN);
        expect(clean).not.toMatch(/^\s|\s$|\s\s|[^\S ]/);
        expect(cleanText(clean)).toBe(clean);
      }),
      propertyRuns(2000),
    );
  });

  it('leaves nothing of a name made of invisible characters, and composes what was typed decomposed', () => {
    expect(cleanText('\u200b\u200b\u200d')).toBe('');
    expect(cleanText('\u202e\u0000 \ufeff')).toBe('');
    expect(cleanText('Siti\u202e Amin\u0000ah\u200b')).toBe('Siti Aminah');
    expect(cleanText('Jose\u0301  Rahma\u0301n')).toBe('José Rahmán');
    expect(cleanText('Toko بركة')).toBe('Toko بركة');
  });
});

describe('cleanText and foldText on text that needs nothing done', () => {
  // What both do step by step, which they skip for text they would give back unchanged.
  const cleaned = (raw: string) => raw.replace(/(?![\t\n\v\f\r])[\p{Cc}\p{Cf}\p{Cs}]/gu, '').normalize('NFC').replace(/\s+/g, ' ').trim();
  const folded = (raw: string) => {
    let text = raw.toLowerCase();
    if (/[^\u0000-\u007f]/.test(text)) text = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    return text.replace(/['\u2018\u2019`\u00b4]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
  };
  // Plain words, words with capitals and punctuation, control characters and spaces of every kind, anything.
  const piece = fc.oneof(
    fc.stringMatching(/^[a-z0-9 ]{0,12}$/),
    fc.stringMatching(/^[A-Za-z .,'-]{0,12}$/),
    fc.stringMatching(/^[\x00-\x7f]{0,6}$/),
    fc.constantFrom('\u00a0', '\u200b', '\u202e', 'e\u0301', '\t', '  ', '\u2019'),
    fc.string({ unit: 'binary', maxLength: 6 }),
  );

  it('give what the steps give, for any text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), (pieces) => {
        const raw = pieces.join('');
        expect(cleanText(raw)).toBe(cleaned(raw));
        expect(foldText(raw)).toBe(folded(raw));
      }),
      propertyRuns(1000),
    );
  });
});

describe('tidyName on a name it gives back as it is', () => {
  // What it does step by step, which it skips for plain ASCII in capitals and small letters.
  const tidied = (raw: string) => {
    const text = raw.replace(/\s+/g, ' ').trim();
    const letters = text.replace(/[^\p{L}]/gu, '');
    if (!letters || (letters !== letters.toUpperCase() && letters !== letters.toLowerCase())) return text;
    return text.toLowerCase().replace(/(^|[\s.(-])(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
  };
  // Plain names in any case, letters outside ASCII, dashes, apostrophes, spaces of every kind, invisible and control characters.
  const piece = fc.oneof(
    fc.stringMatching(/^[A-Za-z]{0,8}$/),
    fc.stringMatching(/^[A-Za-z .,'()-]{0,10}$/),
    fc.constantFrom('Hj. ', 'H. ', "Nur'aini", 'NUR', 'nur', 'McAdam', 'É', 'é', 'Ñ', 'ß', 'İ', 'ı', 'ǅ', 'Ⅻ', 'K', 'ﬁ', 'Σ', 'ς'),
    fc.constantFrom('-', '–', '—', "'", '\u2019', '`', ' ', '  ', '\t', '\n', '\u00a0', '\u200b', '\u202e', '\u0000', '\u007f', 'e\u0301'),
    fc.string({ unit: 'binary', maxLength: 4 }),
  );

  it('gives what the steps give, for any text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 5 }), (pieces) => {
        const raw = pieces.join('');
        expect(tidyName(raw)).toBe(tidied(raw));
      }),
      propertyRuns(2000),
    );
  });
});

describe('text fields on every way in', () => {
  it('a walk-in: cleaned, and refused when nothing readable is left', async () => {
    const desk = openEventDesk(tempDir(), [], { nibRequired: false });
    const walkIn = (name: string, business = '') => dispatch(desk, 'registerWalkIn', { name, business, regency: '63.72' }, SESSION);
    for (const name of ['\u200b\u200b', '\u202e', '\u0000', ' \u200d\t']) {
      expect(await walkIn(name), JSON.stringify(name)).toMatchObject({ ok: false, error: { code: 'name_required' } });
    }
    const stored = await walkIn('Siti\u202e Amin\u0000ah', 'Kue\u200b Basah\u0007');
    expect(stored).toMatchObject({ ok: true, value: { participant: { name: 'Siti Aminah', business: 'Kue Basah' } } });
    desk.close();
  });

  it('an import: every text cleaned, a name of invisible characters refused, and no control character or override in the CSVs', async () => {
    const desk = openEventDesk(tempDir());
    const csv = [
      'NIB;Nama;Nama Usaha;Kabupaten/Kota;Alamat',
      '6300000000001;Siti\u0007 Aminah;\u202eKue Basah;Tanah Laut;Jl.\u200b Pramuka',
      '6300000000002;\u200b\u200b;Dodol;Tanah Laut;',
      '\u200b6300000000003;Rusdi\u202e Kamal;Wadai;Tanah Laut;',
    ].join('\n');
    const result = await commitImport(desk, { fileName: 'peserta.csv', content: Buffer.from(csv) });
    expect(result.imported).toBe(2);
    expect(result.errors).toMatchObject([{ row: 3, code: 'name_missing' }]);
    const names = [...desk.view.all()].map((p) => [p.nib, p.name, p.business, p.address]);
    expect(names.sort()).toEqual([
      ['6300000000001', 'Siti Aminah', 'Kue Basah', 'Jl. Pramuka'],
      ['6300000000003', 'Rusdi Kamal', 'Wadai', ''],
    ]);
    const out = await exportDay(desk, { folder: join(tempDir(), 'out'), pdf: false });
    // The BOM and the CRLF line ends are the file's own; nothing else invisible.
    for (const file of out.files.filter((f) => f.name.endsWith('.csv'))) expect(readFileSync(join(out.folder, file.name), 'utf8').slice(1).replace(/\r\n/g, '')).not.toMatch(FORBIDDEN);
    desk.close();
  });

  it('an operator name: cleaned the same way, and refused when nothing is left', async () => {
    const desk = openEventDesk(tempDir());
    expect(await dispatch(desk, 'signIn', { name: '\u200bRina\u202e' }, SESSION)).toMatchObject({ ok: true, value: { desk: { operator: 'Rina' } } });
    expect(await dispatch(desk, 'signIn', { name: '\u200b' }, SESSION)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    desk.close();
  });
});

describe('NIK province', () => {
  const REAL = [11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96];

  it('is accepted only when it is a real province, whatever the other digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 28 }), fc.boolean(), fc.integer({ min: 1, max: 12 }), fc.stringMatching(/^\d{4}$/), fc.stringMatching(/^\d{4}$/), (province, day, woman, month, place, serial) => {
        const two = (n: number) => String(n).padStart(2, '0');
        const nik = `${two(province)}${place}${two(day + (woman ? 40 : 0))}${two(month)}${serial.slice(0, 2)}${serial}`;
        expect(parseNik(nik).ok).toBe(REAL.includes(province));
      }),
      propertyRuns(1000),
    );
    expect(parseNik('9971045505900001').ok).toBe(false);
    expect(parseNik('2071045505900001').ok).toBe(false);
  });

  it('is refused at the walk-in desk when not a real province', async () => {
    const desk = openEventDesk(tempDir(), [], { nibRequired: false });
    expect(await dispatch(desk, 'registerWalkIn', { name: 'Rahmah', regency: '63.72', nik: '9971045505900001' }, SESSION)).toMatchObject({ ok: false, error: { code: 'nik_invalid' } });
    expect(await dispatch(desk, 'registerWalkIn', { name: 'Rahmah', regency: '63.72', nik: '6371045505900001' }, SESSION)).toMatchObject({ ok: true });
    desk.close();
  });
});
