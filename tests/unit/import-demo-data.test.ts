import { describe, expect, it } from 'vitest';
import { messyLayout, writeCsv, writeLargeWorkbook, writeMessyWorkbook } from '../../electron/core/demo/messy-workbook';
import { generateParticipants } from '../../electron/core/demo/participants';
import { readTable } from '../../electron/core/import/read-table';
import { parsePhone } from '../../shared/domain/phone';
import { DEFAULT_EVENT_REGENCIES } from '../../shared/domain/regency';
import { tidyName } from '../../shared/domain/text';
import { participantFieldsSchema, type ParticipantFields } from '../../shared/events';
import { normalizeSheets } from '../../shared/import/normalize';

const EVENT_CODES = DEFAULT_EVENT_REGENCIES.map((r) => r.code);

describe('generateParticipants', () => {
  const people = generateParticipants(1000, 20240521);

  it('gives the same list for the same seed and another for another seed', () => {
    expect(generateParticipants(50, 7)).toEqual(generateParticipants(50, 7));
    expect(generateParticipants(50, 8)).not.toEqual(generateParticipants(50, 7));
    expect(generateParticipants(0, 7)).toEqual([]);
  });

  it('makes valid, unique participants in the six event regencies', () => {
    expect(people).toHaveLength(1000);
    expect(new Set(people.map((p) => p.nib)).size).toBe(1000);
    expect(people.some((p) => p.nib!.startsWith('0'))).toBe(true);
    for (const p of people) {
      expect(participantFieldsSchema.safeParse(p).success).toBe(true);
      expect(EVENT_CODES).toContain(p.regency);
      if (p.phone) expect(parsePhone(p.phone)).toEqual({ ok: true, phone: p.phone });
    }
    expect(new Set(people.map((p) => p.regency)).size).toBe(6);
  });

  it('writes names the way Banjar lists do, in a form a capitals-only copy tidies back to', () => {
    const names = people.map((p) => p.name).join('|');
    for (const part of ['Hj. ', 'H. ', 'Ir. ', 'Gusti ', "Nur'aini", "Ma'rifah"]) expect(names).toContain(part);
    for (const p of people) expect(tidyName(`${p.name.toUpperCase()}  `)).toBe(p.name);
  });

  it('makes 100k unique participants', () => {
    const many = generateParticipants(100_000, 3);
    expect(new Set(many.map((p) => p.nib)).size).toBe(100_000);
  });
});

const key = (i: { sheet: string; row: number; code: string; otherRow?: number }) => `${i.sheet}:${i.row}:${i.code}${i.otherRow ? `>${i.otherRow}` : ''}`;

function outcome(result: ReturnType<typeof normalizeSheets>) {
  return {
    errors: result.errors.map(key).sort(),
    warnings: result.warnings.map(key).sort(),
    candidates: result.candidates.map((c) => ({ sheet: c.source.sheet, row: c.source.row, fields: c.fields })),
  };
}

describe('the messy workbook', () => {
  it('imports exactly as its layout says, row by row', async () => {
    const people = generateParticipants(300, 5);
    const layout = messyLayout(people, { seed: 9 });
    const sheets = await readTable(await writeMessyWorkbook(people, { seed: 9 }), 'peserta-kalsel.xlsx');
    const result = normalizeSheets(sheets, { lang: 'id', nibRequired: true });
    expect(outcome(result)).toEqual({
      errors: layout.errors.map(key).sort(),
      warnings: layout.warnings.map(key).sort(),
      candidates: layout.candidates,
    });
    expect(result.rows).toBe(layout.rows);
    expect(result.sheets.map((s) => [s.sheet, s.headerRow])).toEqual(['TALA', 'BATOLA', 'TAPIN', 'BANJAR', 'BJM', 'BJB'].map((s) => [s, 4]));
  });

  it('holds every kind of damage the sample list has, in fixed numbers', async () => {
    const people = generateParticipants(120, 5);
    const result = normalizeSheets(await readTable(await writeMessyWorkbook(people), 'm.xlsx'), { lang: 'id', nibRequired: true });
    const count = (issues: { code: string }[]) => issues.reduce<Record<string, number>>((n, i) => ({ ...n, [i.code]: (n[i.code] ?? 0) + 1 }), {});
    expect(count(result.errors)).toEqual({ nib_missing: 2, nib_wrong_length: 2, name_missing: 2 });
    expect(count(result.warnings)).toEqual({
      nib_spaces_removed: 2,
      nib_restored: 6,
      phone_invalid: 2,
      regency_unknown: 2,
      regency_missing: 2,
      formula_text: 2,
      nib_duplicate: 3,
      nib_duplicate_sheet: 1,
    });
    expect(result.rows).toBe(124);
    expect(result.candidates).toHaveLength(114);
    const formula = result.candidates.find((c) => c.fields.business.startsWith('=HYPERLINK('));
    expect(formula?.fields.business).toMatch(/^=HYPERLINK\("http:\/\/contoh\.invalid","[^"]+"\)$/);
  });
});

describe('clean lists for large imports', () => {
  it('reads 100k rows of XLSX back as the same participants', async () => {
    const people = generateParticipants(100_000, 11);
    const result = normalizeSheets(await readTable(await writeLargeWorkbook(people), 'besar.xlsx'), { lang: 'id', nibRequired: true });
    expect([result.rows, result.errors.length, result.warnings.length]).toEqual([100_000, 0, 0]);
    expect(result.candidates.map((c) => c.fields)).toEqual(people);
  });

  it('reads 100k rows of CSV back as the same participants', async () => {
    const people = generateParticipants(100_000, 12);
    const csv = writeCsv(people, { separator: ';', encoding: 'utf-8', bom: true });
    const result = normalizeSheets(await readTable(csv, 'besar.csv'), { lang: 'id', nibRequired: true });
    expect([result.rows, result.errors.length, result.warnings.length]).toEqual([100_000, 0, 0]);
    expect(result.candidates.map((c) => c.fields)).toEqual(people);
  });

  it('writes CSV as Excel does, in Windows-1252 or UTF-8, with names outside ASCII intact', async () => {
    const base = generateParticipants(3, 1);
    const people: ParticipantFields[] = [
      { ...base[0]!, name: 'José Nuñez', address: 'Jl. "Veteran"; No. 7' },
      { ...base[1]!, name: 'Zoë Müller', productName: 'Kue, enak' },
      base[2]!,
    ];
    for (const opts of [
      { separator: ';', encoding: 'windows-1252' },
      { separator: ',', encoding: 'utf-8', bom: true },
      { separator: ',', encoding: 'utf-8' },
    ] as const) {
      const bytes = writeCsv(people, opts);
      if (opts.encoding === 'windows-1252') expect(bytes).toContain(0xe9);
      const result = normalizeSheets(await readTable(bytes, 'peserta.csv'), { lang: 'id', nibRequired: true });
      expect(result.candidates.map((c) => c.fields)).toEqual(people);
    }
  });
});
