import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText } from '../../shared/domain/text';
import { LoketError } from '../../shared/errors';
import { participantFieldsSchema } from '../../shared/events';
import { isTotalLabel } from '../../shared/import/footer-rows';
import { normalizeSheets, type NormalizeOptions } from '../../shared/import/normalize';
import type { NormalizedImport, RawCell, RawSheet } from '../../shared/import/types';
import { propertyRuns } from '../helpers/property-runs';

const HEADER: RawCell[] = ['NO', 'NAMA PELAKU USAHA', 'NAMA USAHA', 'NIB', 'KAB/KOTA', 'NO HP/WA', 'ALAMAT'];
const ID: NormalizeOptions = { lang: 'id', nibRequired: true };

/** A sheet with the header on row 1 and `rows` below it (row 2 onwards). */
function sheet(rows: RawCell[][], name = 'Peserta', header = HEADER): RawSheet {
  return { name, rows: [header, ...rows] };
}

function row(fields: { name?: RawCell; business?: RawCell; nib?: RawCell; regency?: RawCell; phone?: RawCell; address?: RawCell }): RawCell[] {
  return [
    1,
    fields.name === undefined ? 'Siti Rahmah' : fields.name,
    fields.business === undefined ? 'Dapur Acil' : fields.business,
    fields.nib === undefined ? '0123456789012' : fields.nib,
    fields.regency === undefined ? 'Kab. Banjar' : fields.regency,
    fields.phone === undefined ? '0812 3456 7890' : fields.phone,
    fields.address === undefined ? 'Jl. Veteran No. 7' : fields.address,
  ];
}

const codes = (result: NormalizedImport, kind: 'errors' | 'warnings') => result[kind].map((i) => `${i.sheet}:${i.row}:${i.field}:${i.code}`);

describe('normalizeSheets', () => {
  it('turns a clean row into participant fields with its source row', () => {
    const result = normalizeSheets([sheet([row({ name: '  HJ. SITI   RAHMAH ', phone: 81234567890 })])], ID);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.rows).toBe(1);
    expect(result.candidates).toEqual([
      {
        fields: {
          nib: '0123456789012',
          name: 'Hj. Siti Rahmah',
          business: 'Dapur Acil',
          phone: '+6281234567890',
          regency: '63.03',
          district: '',
          address: 'Jl. Veteran No. 7',
          productType: '',
          productName: '',
        },
        source: { sheet: 'Peserta', row: 2 },
      },
    ]);
  });

  describe('NIB', () => {
    it('restores a number cell and removes spaces, with a warning each', () => {
      const result = normalizeSheets([sheet([row({ nib: 123456789012 }), row({ nib: '9724 3255 76761' }), row({ nib: '1112-2100-07923' })])], ID);
      expect(result.candidates.map((c) => c.fields.nib)).toEqual(['0123456789012', '9724325576761', '1112210007923']);
      expect(codes(result, 'warnings')).toEqual(['Peserta:2:nib:nib_restored', 'Peserta:3:nib:nib_spaces_removed']);
      expect(result.warnings[0]!.value).toBe('0123456789012');
    });

    it('rejects a missing, short or non-numeric NIB', () => {
      const result = normalizeSheets(
        [sheet([row({ nib: null }), row({ nib: 'belum ada' }), row({ nib: '87410199748' }), row({ nib: 'NIB-ABC' }), row({ nib: 1234 })])],
        ID,
      );
      expect(result.candidates).toEqual([]);
      expect(codes(result, 'errors')).toEqual([
        'Peserta:2:nib:nib_missing',
        'Peserta:3:nib:nib_missing',
        'Peserta:4:nib:nib_wrong_length',
        'Peserta:5:nib:nib_not_digits',
        'Peserta:6:nib:nib_wrong_length',
      ]);
      expect(result.errors[2]!.message).toBe('NIB harus 13 angka, tertulis 11 angka: "87410199748"; baris tidak diimpor.');
    });

    it('imports a row without an NIB when the event does not require one, but not a malformed NIB', () => {
      const result = normalizeSheets([sheet([row({ nib: '-' }), row({ nib: '12345' })])], { lang: 'en', nibRequired: false });
      expect(result.candidates.map((c) => [c.source.row, c.fields.nib])).toEqual([[2, null]]);
      expect(codes(result, 'warnings')).toEqual(['Peserta:2:nib:row_empty_nib_optional']);
      expect(codes(result, 'errors')).toEqual(['Peserta:3:nib:nib_wrong_length']);
      expect(result.warnings[0]!.message).toBe('NIB missing; imported without one because the NIB is optional.');
    });

    it('imports a repeated NIB once, from its first row, across sheets too', () => {
      const a = sheet([row({ name: "Ma'rifah Aini" }), row({ name: "ma'rifah aini", nib: 123456789012 })], 'TALA');
      const b = sheet([row({ name: 'MA’RIFAH AINI', nib: '0123 4567 89012' })], 'BJM');
      const result = normalizeSheets([a, b], ID);
      expect(result.candidates.map((c) => `${c.source.sheet}:${c.source.row}:${c.fields.name}`)).toEqual(["TALA:2:Ma'rifah Aini"]);
      const duplicates = result.warnings.filter((w) => w.code.startsWith('nib_duplicate'));
      expect(duplicates.map((w) => [w.sheet, w.row, w.code, w.otherRow])).toEqual([
        ['TALA', 3, 'nib_duplicate', 2],
        ['BJM', 2, 'nib_duplicate_sheet', 2],
      ]);
      expect(duplicates[1]!.message).toBe('NIB 0123456789012 sama dengan baris 2 di lembar "TALA"; hanya diimpor sekali.');
    });

    it('imports the later row when the first listing of an NIB had an error', () => {
      const result = normalizeSheets([sheet([row({ name: '' }), row({ name: 'Siti' })])], ID);
      expect(result.candidates.map((c) => c.source.row)).toEqual([3]);
      expect(result.warnings).toEqual([]);
    });

    it('never writes a long row number with a thousands separator', () => {
      const rows = Array.from({ length: 1500 }, (_, i) => row({ nib: String(1_000_000_000_000 + i) }));
      rows.push(row({ nib: '1000000000000' }));
      const result = normalizeSheets([sheet(rows)], ID);
      expect(result.warnings.at(-1)?.message).toContain('baris 2;');
      expect(result.warnings.at(-1)?.row).toBe(1502);
    });
  });

  it('requires an owner name', () => {
    const result = normalizeSheets([sheet([row({ name: null }), row({ name: '-' }), row({ name: '12345' })])], ID);
    expect(codes(result, 'errors')).toEqual(['Peserta:2:name:name_missing', 'Peserta:3:name:name_missing', 'Peserta:4:name:name_missing']);
  });

  describe('phone', () => {
    it('keeps valid numbers as +62, drops "-" silently and invalid ones with a warning', () => {
      const result = normalizeSheets(
        [
          sheet([
            row({ phone: '+62 812-3456-7890' }),
            row({ phone: '-', nib: '1000000000001' }),
            row({ phone: 'tidak ada', nib: '1000000000002' }),
            row({ phone: '0511-3271234', nib: '1000000000003' }),
          ]),
        ],
        ID,
      );
      expect(result.candidates.map((c) => c.fields.phone)).toEqual(['+6281234567890', null, null, null]);
      expect(codes(result, 'warnings')).toEqual(['Peserta:5:phone:phone_invalid']);
      expect(result.warnings[0]!.value).toBe('0511-3271234');
    });
  });

  describe('regency', () => {
    it('tells Banjar, Banjarmasin and Banjarbaru apart and warns on unknown or missing names', () => {
      const spellings = ['Banjar', 'Kab. Banjar', 'Bjm', 'KOTA BANJARMASIN', 'BANJAR BARU', 'Bjb', 'TALA', 'Batola', 'Kota Baru', 'Kalsel', null];
      const rows = spellings.map((regency, i) => row({ regency, nib: String(1_000_000_000_000 + i) }));
      const result = normalizeSheets([sheet(rows)], ID);
      expect(result.candidates.map((c) => c.fields.regency)).toEqual([
        '63.03', '63.03', '63.71', '63.71', '63.72', '63.72', '63.01', '63.04', '63.02', null, null,
      ]);
      expect(codes(result, 'warnings')).toEqual(['Peserta:11:regency:regency_unknown', 'Peserta:12:regency:regency_missing']);
      expect(result.sheets[0]!.sample.map((s) => s.regency)).toEqual(['Banjar', 'Banjar', 'Banjarmasin', 'Banjarmasin', 'Banjarbaru']);
    });

    it('imports a regency outside the event from the Kab/Kota column, with a warning naming it', () => {
      const spellings = ['Kab. HSS', 'Hulu Sungai Selatan', 'KABUPATEN HULU SUNGAI SELATAN', 'Kab. Tapin'];
      const rows = spellings.map((regency, i) => row({ regency, nib: String(1_000_000_000_000 + i) }));
      const result = normalizeSheets([sheet(rows)], { ...ID, eventRegencies: ['63.01', '63.03', '63.05', '63.71', '63.72'] });
      expect(result.candidates.map((c) => c.fields.regency)).toEqual(['63.06', '63.06', '63.06', '63.05']);
      expect(codes(result, 'warnings')).toEqual(['Peserta:2:regency:regency_outside_event', 'Peserta:3:regency:regency_outside_event', 'Peserta:4:regency:regency_outside_event']);
      expect(result.warnings[0]!.message).toBe('Kabupaten/kota Hulu Sungai Selatan (63.06) bukan wilayah acara ini; tetap diimpor, periksa.');
      const en = normalizeSheets([sheet(rows.slice(0, 1))], { ...ID, lang: 'en', eventRegencies: ['63.05'] });
      expect(en.warnings[0]!.message).toContain('Hulu Sungai Selatan (63.06)');
    });
  });

  describe('totals under the list', () => {
    const people = [row({ nib: 123456789012 }), row({ name: 'Rusdi Hamdan', nib: 123456789013 }), row({ name: 'Nur Aini', nib: 123456789014 })];
    // The NIBs as Excel numbers add up to a 12-digit number (370370367039) that reads as an NIB.
    const sum = 123456789012 + 123456789013 + 123456789014;
    it.each<[string, RawCell[]]>([
      ['JUMLAH in the NO column, the SUM of the NIBs under them', ['JUMLAH', null, null, sum, null, null, null]],
      ['TOTAL in the name column, the SUM of the NIBs under them', [null, 'TOTAL', null, sum, null, null, null]],
      ['Jumlah in the name column, a 13-digit SUM', [null, 'Jumlah', null, 3_703_703_670_366, null, null, null]],
      ['JUMLAH merged across NO, name and business, the SUM under the NIBs', ['JUMLAH', 'JUMLAH', 'JUMLAH', sum, null, null, null]],
      ['TOTAL in the name column, a COUNTA under the NIBs', [null, 'TOTAL', null, 3, null, null, null]],
      ['JUMLAH in the business column, a SUM under the NO column', [6, null, 'JUMLAH', null, null, null, null]],
    ])('are not data, and counted apart: %s', (_, total) => {
      const result = normalizeSheets([sheet([...people, total])], ID);
      expect([result.rows, result.nonDataRows, result.sheets[0]!.nonDataRows, result.errors]).toEqual([3, 1, 1, []]);
      expect(result.candidates.map((c) => c.fields.name)).toEqual(['Siti Rahmah', 'Rusdi Hamdan', 'Nur Aini']);
    });

    it('never takes a participant for one, whatever the business is called', () => {
      const result = normalizeSheets([sheet([...people, row({ name: 'Hj. Total Sari', business: 'TOTAL', nib: '0123456789015' })])], ID);
      expect([result.rows, result.nonDataRows, result.candidates.length]).toEqual([4, 0, 4]);
    });
  });

  describe('formula text', () => {
    it.each(['=HYPERLINK("http://contoh.invalid","Toko Berkah Abon")', '=1+1', '+SUM(A1:A3)', "-2+3+cmd|' /C calc'!A0", '@SUM(1,2)', '+A1'])(
      'keeps %s as literal text with a warning',
      (business) => {
        const result = normalizeSheets([sheet([row({ business })])], ID);
        expect(result.candidates[0]!.fields.business).toBe(business);
        expect(codes(result, 'warnings')).toEqual(['Peserta:2:business:formula_text']);
      },
    );

    it.each(['- Kue (basah)', '@dapur_acil', '+62 812 dodol', 'Dodol = enak'])('does not flag %s', (business) => {
      const result = normalizeSheets([sheet([row({ business })])], ID);
      expect(result.warnings).toEqual([]);
    });
  });

  it('cuts text to what the event log accepts', () => {
    const result = normalizeSheets([sheet([row({ address: 'Jl. '.repeat(200) })])], ID);
    expect(result.candidates[0]!.fields.address).toHaveLength(400);
    expect(codes(result, 'warnings')).toEqual(['Peserta:2:address:text_truncated']);
  });

  it('skips empty, dash-only and number-only rows without a word', () => {
    const result = normalizeSheets([sheet([row({}), [], [null, '  ', '-'], [2], row({ nib: '1000000000001' })])], ID);
    expect(result.rows).toBe(2);
    expect(result.candidates.map((c) => c.source.row)).toEqual([2, 6]);
    expect([...result.errors, ...result.warnings]).toEqual([]);
  });

  describe('sheets', () => {
    it('reports a sheet without a header and still imports the others', () => {
      const notes: RawSheet = { name: 'Catatan', rows: [['Mohon dilengkapi sebelum 15 Mei'], ['Terima kasih']] };
      const empty: RawSheet = { name: 'Sheet3', rows: [] };
      const result = normalizeSheets([notes, sheet([row({})]), empty], ID);
      expect(result.candidates).toHaveLength(1);
      expect(result.errors.map((e) => [e.sheet, e.row, e.code, e.message])).toEqual([
        ['Catatan', 0, 'sheet_no_header', 'Baris judul kolom (NIB, Nama, …) tidak ditemukan di lembar "Catatan"; lembar tidak diimpor.'],
      ]);
      expect(result.sheets.map((s) => [s.sheet, s.headerRow, s.rows])).toEqual([
        ['Catatan', null, 2],
        ['Peserta', 1, 1],
        ['Sheet3', null, 0],
      ]);
      expect(result.sheets[0]!.headers).toEqual(['A']);
    });

    it('reports a header without an owner name column, or without the required NIB column', () => {
      const noName = sheet([['Dapur Acil', '0123456789012', 'Bjm']], 'A', ['NAMA USAHA', 'NIB', 'KAB/KOTA']);
      const noNib = sheet([['Siti', 'Dapur Acil']], 'B', ['NAMA PELAKU USAHA', 'NAMA USAHA']);
      expect(codes(normalizeSheets([noName, noNib], ID), 'errors')).toEqual(['A:1:name:sheet_no_name_column', 'B:1:nib:sheet_no_nib_column']);
      const optional = normalizeSheets([noNib], { lang: 'id', nibRequired: false });
      expect(optional.candidates.map((c) => c.fields)).toMatchObject([{ nib: null, name: 'Siti', business: 'Dapur Acil' }]);
      // Nothing names the regency (no column, sheet "B", no title): said once for the sheet.
      expect(codes(optional, 'warnings')).toEqual(['B:0:regency:sheet_no_regency']);
    });

    it('uses the operator’s mapping for a sheet, and rejects one without a name column', () => {
      const headerless: RawSheet = { name: 'Data', rows: [['0123456789012', 'Siti', 'Bjb']] };
      const result = normalizeSheets([headerless], { ...ID, mappings: { Data: { nib: 0, name: 1, regency: 2 } } });
      expect(result.errors).toEqual([]);
      const read = result.candidates.map((c) => [c.source.row, c.fields.nib, c.fields.name, c.fields.regency]);
      expect(read).toEqual([[1, '0123456789012', 'Siti', '63.72']]);
      expect(result.sheets[0]).toMatchObject({ headerRow: null, headers: ['A', 'B', 'C'], mapping: { nib: 0, name: 1, regency: 2 } });
      expect(() => normalizeSheets([headerless], { ...ID, mappings: { Data: { nib: 0 } } })).toThrow(LoketError);
      expect(() => normalizeSheets([headerless], { ...ID, mappings: { Data: { name: 1 } } })).toThrow(
        expect.objectContaining({ code: 'mapping_invalid', params: { field: 'nib' } }),
      );
    });

    it('previews the header as Excel numbers it and the first five rows as they will be imported', () => {
      const rows = Array.from({ length: 7 }, (_, i) =>
        row({ nib: i === 0 ? 123456789012 : String(1_000_000_000_000 + i), phone: i === 1 ? 'x' : '0812 3456 7890' }),
      );
      const preview = normalizeSheets([{ name: 'S', rows: [['DAFTAR PESERTA'], [], HEADER, ...rows] }], ID).sheets[0]!;
      expect(preview.headerRow).toBe(3);
      expect(preview.rows).toBe(7);
      expect(preview.sample).toHaveLength(5);
      expect(preview.sample[0]).toEqual({
        nib: '0123456789012',
        name: 'Siti Rahmah',
        business: 'Dapur Acil',
        phone: '+6281234567890',
        regency: 'Banjar',
        district: '',
        address: 'Jl. Veteran No. 7',
        productType: '',
        productName: '',
      });
      expect(preview.sample[1]!.phone).toBe('x');
    });
  });

  it('only ever returns candidates the event log accepts', () => {
    const rows = [row({ name: 'A'.repeat(300), business: 'B'.repeat(300) }), row({ nib: 9999999999999, phone: 6281234567890 })];
    const result = normalizeSheets([sheet(rows)], ID);
    expect(result.candidates).toHaveLength(2);
    for (const c of result.candidates) expect(participantFieldsSchema.safeParse(c.fields).success).toBe(true);
  });
});

describe('isTotalLabel', () => {
  // The label folded and matched, which isTotalLabel skips for a cell with a letter or digit no label has.
  const folded = (cell: string) => /^(jumlah|total|sub ?total|grand total|jumlah total|total peserta|jumlah peserta)$/.test(foldText(cell));
  const cell = fc.array(
    fc.oneof(
      fc.constantFrom('JUMLAH', 'Jumlah', 'jumlah', 'total', 'Sub Total', 'subtotal', 'grand total', 'GRAND TOTAL', 'jumlah peserta', 'TOTAL PESERTA', 'Siti', 'Kiki', 'NIP. 1970'),
      fc.constantFrom(' ', '  ', '.', ':', "'", '\u2019', '-', '–', '\u00a0', '\u200b', '\t', '1', 'Ｊ', 'ｊ', 'Ｔ', 'K', 'ſ', 'ı', 'İ', 'é', 'e\u0301', 'ⓣ', 'ﬁ'),
      fc.stringMatching(/^[A-Za-z0-9 ]{0,6}$/),
    ),
    { maxLength: 5 },
  );

  it('tells a total label as folding it does, for any text', () => {
    fc.assert(
      fc.property(cell, (parts) => {
        const text = parts.join('');
        expect(isTotalLabel(text)).toBe(folded(text));
      }),
      propertyRuns(2000),
    );
    expect(isTotalLabel('Ｊｕｍｌａｈ')).toBe(true);
    expect(isTotalLabel("'Total Peserta:")).toBe(true);
    expect(isTotalLabel('Total 1')).toBe(false);
  });
});
