import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeMessyWorkbook } from '../../electron/core/demo/messy-workbook';
import { generateParticipants } from '../../electron/core/demo/participants';
import { readTable } from '../../electron/core/import/read-table';
import { LoketError } from '../../shared/errors';
import { cleanText } from '../../shared/domain/text';
import { participantFieldsSchema } from '../../shared/events';
import { normalizeSheets } from '../../shared/import/normalize';
import type { NormalizedImport } from '../../shared/import/types';
import { propertyRuns } from '../helpers/property-runs';

/** The whole pipeline on untrusted bytes: a LoketError or a result, never anything else. */
async function importBytes(bytes: Uint8Array, nibRequired: boolean): Promise<NormalizedImport | null> {
  try {
    return normalizeSheets(await readTable(bytes, 'peserta.xlsx'), { lang: 'id', nibRequired });
  } catch (error) {
    expect(error).toBeInstanceOf(LoketError);
    return null;
  }
}

function expectValidCandidates(result: NormalizedImport | null): void {
  for (const { fields } of result?.candidates ?? []) {
    expect(participantFieldsSchema.safeParse(fields).success).toBe(true);
    if (fields.nib !== null) expect(fields.nib).toMatch(/^\d{13}$/);
    // Every text stored as cleanText leaves it (no control, bidi-override or zero-width character), and a name reads.
    for (const value of [fields.name, fields.business, fields.district, fields.address, fields.productType, fields.productName]) expect(cleanText(value)).toBe(value);
    expect(fields.name).toMatch(/\p{L}/u);
  }
}

const HEADERS = ['NO', 'NAMA PELAKU USAHA', 'Nama Usaha', 'NIB', 'KAB/KOTA', 'No HP/WA', 'Alamat', 'Kecamatan', 'Jenis Produk', 'Nama Produk', 'NIK', 'Name'];
const digitsLike = fc
  .tuple(fc.stringMatching(/^[0-9]{9,15}$/), fc.constantFrom('', ' ', '-', '.', "'"), fc.nat(15))
  .map(([digits, sep, at]) => digits.slice(0, at) + sep + digits.slice(at));
const cell = fc.oneof(
  digitsLike,
  fc.string(),
  fc.constantFrom('-', 'belum ada', 'proses', '', '=HYPERLINK("x","y")', '+SUM(A1)', 'Bjm', 'BANJAR BARU', '0812 3456 7890', 'Hj. SITI  '),
  fc.constantFrom('\u200b\u200b', 'Siti\u202eAminah', '\u202e', 'Jose\u0301', '\ufeff6300000000001', 'Rus\u200ddi\u2066 Kamal'),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
);
/** CSV text that looks enough like a list to reach the row rules, quotes and separators included. */
const listText = fc
  .record({
    header: fc.shuffledSubarray(HEADERS, { minLength: 2 }),
    rows: fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 }),
    sep: fc.constantFrom(';', ',', '\t'),
    eol: fc.constantFrom('\n', '\r\n'),
    quote: fc.boolean(),
  })
  .map(({ header, rows, sep, eol, quote }) =>
    [header, ...rows]
      .map((cells) => cells.map((c) => (quote || /[;,\t"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep))
      .join(eol),
  );

describe('import of untrusted files', () => {
  let workbook: Uint8Array;
  beforeAll(async () => {
    workbook = await writeMessyWorkbook(generateParticipants(40, 2));
  });

  it('answers arbitrary bytes with a result or a LoketError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), fc.boolean(), async (bytes, nibRequired) => {
        expectValidCandidates(await importBytes(bytes, nibRequired));
      }),
      propertyRuns(100),
    );
  });

  it('answers arbitrary text with a result or a LoketError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 2000 }), fc.boolean(), async (text, nibRequired) => {
        expectValidCandidates(await importBytes(new TextEncoder().encode(text), nibRequired));
      }),
      propertyRuns(100),
    );
  });

  it('never imports a candidate with an invalid NIB from list-like CSV', async () => {
    await fc.assert(
      fc.asyncProperty(listText, fc.boolean(), async (text, nibRequired) => {
        expectValidCandidates(await importBytes(new TextEncoder().encode(text), nibRequired));
      }),
      propertyRuns(300),
    );
    // The property above is only worth something if such text does reach the candidates.
    const imported = await Promise.all(fc.sample(listText, { numRuns: 50, seed: 1 }).map((t) => importBytes(new TextEncoder().encode(t), false)));
    expect(imported.some((r) => (r?.candidates.length ?? 0) > 0)).toBe(true);
  });

  it('answers a damaged workbook with a result or a LoketError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        async (changes, cut) => {
          const bytes = workbook.slice(0, workbook.length - (cut % 64));
          for (const [at, value] of changes) bytes[at % bytes.length] = value;
          expectValidCandidates(await importBytes(bytes, true));
        },
      ),
      propertyRuns(200),
    );
  });

  it('answers a ZIP signature followed by junk with a LoketError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (junk) => {
        const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...junk]);
        await expect(readTable(bytes, 'x.xlsx')).rejects.toBeInstanceOf(LoketError);
      }),
      propertyRuns(100),
    );
  });
});
