import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { formatPhone } from '../../../shared/domain/phone';
import { DEFAULT_EVENT_REGENCIES, regencyByCode } from '../../../shared/domain/regency';
import type { ParticipantFields } from '../../../shared/events';
import type { ImportIssueCode } from '../../../shared/i18n/messages';
import { encodeWindows1252 } from '../import/windows-1252';
import { seededRandom, type Random } from './random';

/**
 * Participant lists shaped like the ones a Dinas KUKM sends (shared/data/README.md): one sheet per
 * regency under merged title rows, and the usual damage. The layout says, cell by cell, what an
 * importer must make of it, so tests can check exact outcomes instead of "some errors".
 */

export type MessyCell = string | number | null | { formula: string };

export interface MessySheet {
  name: string;
  /** `rows[i]` is spreadsheet row i + 1. */
  rows: MessyCell[][];
  merges: string[];
}

export interface ExpectedIssue {
  sheet: string;
  row: number;
  code: ImportIssueCode;
  otherRow?: number;
}

export interface MessyLayout {
  sheets: MessySheet[];
  /** Data rows an importer reads (blank and number-only rows do not count). */
  rows: number;
  errors: ExpectedIssue[];
  warnings: ExpectedIssue[];
  /** Every row that must be imported, in file order, with the fields it must produce. */
  candidates: { sheet: string; row: number; fields: ParticipantFields }[];
}

const LIST_HEADER = [
  'NO',
  'NAMA PELAKU USAHA',
  'NAMA USAHA',
  'NIB',
  'KAB/KOTA',
  'KECAMATAN',
  'ALAMAT',
  'NO HP/WA',
  'JENIS PRODUK',
  'NAMA PRODUK',
];

const TITLE = 'DAFTAR CALON PESERTA FASILITASI SERTIFIKASI HALAL SELF DECLARE TAHUN 2024';

/** Sheet name, heading and the spellings seen in real lists for each event regency. */
const SHEETS: Record<string, { sheet: string; heading: string; spellings: string[] }> = {
  '63.01': {
    sheet: 'TALA',
    heading: 'KABUPATEN TANAH LAUT',
    spellings: ['TALA', 'Tala', 'Tanah Laut', 'Kab Tanah Laut', 'Kab. Tanah Laut', 'KABUPATEN TANAH LAUT'],
  },
  '63.04': {
    sheet: 'BATOLA',
    heading: 'KABUPATEN BARITO KUALA',
    spellings: ['Batola', 'BATOLA', 'Barito Kuala', 'KAB. BARITO KUALA', 'Kabupaten Barito Kuala'],
  },
  '63.05': { sheet: 'TAPIN', heading: 'KABUPATEN TAPIN', spellings: ['Tapin', 'TAPIN', 'Kab. Tapin', 'KABUPATEN TAPIN'] },
  '63.03': {
    sheet: 'BANJAR',
    heading: 'KABUPATEN BANJAR',
    spellings: ['Banjar', 'BANJAR', 'Kab. Banjar', 'Kab Banjar', 'KABUPATEN BANJAR'],
  },
  '63.71': {
    sheet: 'BJM',
    heading: 'KOTA BANJARMASIN',
    spellings: ['Bjm', 'BJM', 'Banjarmasin', 'BANJARMASIN', 'Kota Banjarmasin', 'KOTA BANJARMASIN'],
  },
  '63.72': {
    sheet: 'BJB',
    heading: 'KOTA BANJARBARU',
    spellings: ['Bjb', 'Banjarbaru', 'BANJAR BARU', 'Kota Banjar Baru', 'Kota Banjarbaru', 'KOTA BANJARBARU'],
  },
};
const OTHER_SHEET = 'LAINNYA';

/** One of these every sixth row, in turn; the rows between are clean apart from harmless variety. */
const DEFECTS = [
  'nib_spaces',
  'nib_short',
  'nib_missing',
  'phone_invalid',
  'regency_unknown',
  'regency_missing',
  'name_missing',
  'formula_business',
  'duplicate',
  'duplicate_other_sheet',
] as const;
type Defect = (typeof DEFECTS)[number] | null;

interface PlannedRow {
  sheet: string;
  row: number;
  cells: MessyCell[];
  /** What the row must import as, or null when it has an error. */
  fields: ParticipantFields | null;
  errors: ImportIssueCode[];
  warnings: ImportIssueCode[];
  /** For a repeated listing: the NIB it repeats. */
  repeats?: string;
}

function regencyText(code: string | null): string {
  return code ? (regencyByCode(code)?.name ?? code) : '';
}

function phoneCell(phone: string, random: Random): MessyCell {
  const n = phone.slice(3);
  switch (random.int(5)) {
    case 0:
      return Number(n); // Excel dropped the leading 0
    case 1:
      return `+62 ${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
    case 2:
      return `62${n}`;
    case 3:
      return `0${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
    default:
      return formatPhone(phone);
  }
}

/** A row for `p` with `defect` applied, and what an importer must make of it. */
function planRow(p: ParticipantFields, defect: Defect, random: Random): Omit<PlannedRow, 'sheet' | 'row'> {
  const fields: ParticipantFields = { ...p };
  const errors: ImportIssueCode[] = [];
  const warnings: ImportIssueCode[] = [];

  let name: MessyCell = random.chance(0.12) ? `${p.name.toUpperCase()}  ` : p.name;
  if (defect === 'name_missing') {
    name = null;
    errors.push('name_missing');
  }

  let business: MessyCell = p.business;
  if (defect === 'formula_business') {
    business = `=HYPERLINK("http://contoh.invalid","${p.business}")`;
    fields.business = business;
    warnings.push('formula_text');
  }

  let nib: MessyCell = p.nib;
  const zeros = /^0*/.exec(p.nib ?? '')![0].length;
  if (p.nib === null || defect === 'nib_missing') {
    nib = random.pick(['-', 'belum ada', 'proses', null]);
    errors.push('nib_missing');
  } else if (defect === 'nib_spaces') {
    nib = `${p.nib.slice(0, 4)} ${p.nib.slice(4, 8)} ${p.nib.slice(8)}`;
    warnings.push('nib_spaces_removed');
  } else if (defect === 'nib_short') {
    nib = p.nib.slice(0, 11);
    errors.push('nib_wrong_length');
  } else if (defect !== 'duplicate' && defect !== 'duplicate_other_sheet' && random.chance(zeros > 0 ? 0.7 : 0.4)) {
    // Typed as a number: Excel keeps no leading zeros, and one with 3 or more leaves too few digits to restore.
    nib = Number(p.nib);
    if (zeros > 2) errors.push('nib_wrong_length');
    else if (zeros > 0) warnings.push('nib_restored');
  }

  let phone: MessyCell = p.phone === null ? random.pick(['-', 'tidak ada', null]) : phoneCell(p.phone, random);
  if (defect === 'phone_invalid') {
    phone = '0511-3271234'; // a Banjarmasin landline
    fields.phone = null;
    warnings.push('phone_invalid');
  }

  let regency: MessyCell = p.regency ? random.pick(SHEETS[p.regency]?.spellings ?? [regencyText(p.regency)]) : null;
  if (defect === 'regency_unknown') {
    regency = 'Kalimantan Selatan';
    fields.regency = null;
    warnings.push('regency_unknown');
  } else if (defect === 'regency_missing' || p.regency === null) {
    regency = null;
    fields.regency = null;
    warnings.push('regency_missing');
  }

  const cells: MessyCell[] = [null, name, business, nib, regency, p.district, p.address, phone, p.productType, p.productName];
  return { cells, fields: errors.length ? null : fields, errors, warnings };
}

/** The same business listed again: same NIB (as text), the name in other letters. */
function repeatRow(p: ParticipantFields & { nib: string }, random: Random, upper: boolean): Omit<PlannedRow, 'sheet' | 'row'> {
  const name = upper ? p.name.toUpperCase() : p.name.toLowerCase();
  const phone = p.phone ? phoneCell(p.phone, random) : null;
  const regency = regencyText(p.regency);
  const cells: MessyCell[] = [null, name, p.business, p.nib, regency, p.district, p.address, phone, p.productType, p.productName];
  return { cells, fields: null, errors: [], warnings: p.regency ? [] : ['regency_missing'], repeats: p.nib };
}

export function messyLayout(participants: readonly ParticipantFields[], opts: { seed?: number } = {}): MessyLayout {
  const random = seededRandom(opts.seed ?? 1);
  const order = [...DEFAULT_EVENT_REGENCIES.map((r) => r.code), null];
  const groups = new Map<string | null, ParticipantFields[]>(order.map((code) => [code, []]));
  for (const p of participants) groups.get(p.regency && SHEETS[p.regency] ? p.regency : null)!.push(p);

  const sheets: MessySheet[] = [];
  const planned: PlannedRow[] = [];
  const laterRepeats: (ParticipantFields & { nib: string })[] = [];
  let k = 0;
  for (const [code, people] of groups) {
    if (people.length === 0) continue;
    const meta = code ? SHEETS[code]! : { sheet: OTHER_SHEET, heading: OTHER_SHEET };
    const rows: MessyCell[][] = [[TITLE], [meta.heading], [], LIST_HEADER];
    const sheet: MessySheet = { name: meta.sheet, rows, merges: ['A1:J1', 'A2:J2'] };
    sheets.push(sheet);
    let number = 0;
    const add = (row: Omit<PlannedRow, 'sheet' | 'row'>) => {
      number++;
      // Numbered as most lists are: 1, then "=A5+1" filled down.
      row.cells[0] = number === 1 ? 1 : { formula: `A${rows.length}+1` };
      rows.push(row.cells);
      planned.push({ ...row, sheet: sheet.name, row: rows.length });
    };
    people.forEach((p, i) => {
      const defect: Defect = k % 6 === 3 ? DEFECTS[Math.floor(k / 6) % DEFECTS.length]! : null;
      k++;
      add(planRow(p, defect, random));
      const nib = p.nib;
      if (defect === 'duplicate' && nib) add(repeatRow({ ...p, nib }, random, false));
      if (defect === 'duplicate_other_sheet' && nib) laterRepeats.push({ ...p, nib });
      if (i === 1) rows.push([]); // a blank row in the middle of the list
    });
    if (code === order.findLast((c) => groups.get(c)!.length > 0)) {
      for (const p of laterRepeats) add(repeatRow(p, random, true));
    }
    rows.push([number + 1]); // a numbered row nobody filled in
  }

  const layout: MessyLayout = { sheets, rows: planned.length, errors: [], warnings: [], candidates: [] };
  const first = new Map<string, PlannedRow>();
  for (const row of planned) {
    for (const code of row.errors) layout.errors.push({ sheet: row.sheet, row: row.row, code });
    for (const code of row.warnings) layout.warnings.push({ sheet: row.sheet, row: row.row, code });
    const original = row.repeats === undefined ? undefined : first.get(row.repeats);
    if (original) {
      const code = original.sheet === row.sheet ? 'nib_duplicate' : 'nib_duplicate_sheet';
      layout.warnings.push({ sheet: row.sheet, row: row.row, code, otherRow: original.row });
    } else if (row.fields) {
      if (row.fields.nib) first.set(row.fields.nib, row);
      layout.candidates.push({ sheet: row.sheet, row: row.row, fields: row.fields });
    }
  }
  return layout;
}

/** XLSX bytes for a layout, streamed so that 100k rows take seconds, not minutes. */
export async function writeLayout(sheets: readonly MessySheet[]): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: true, useStyles: false });
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    for (const range of sheet.merges) worksheet.mergeCells(range);
    sheet.rows.forEach((cells, i) => {
      const row = worksheet.getRow(i + 1);
      row.values = cells;
      row.commit();
    });
    worksheet.commit();
  }
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}

export async function writeMessyWorkbook(participants: readonly ParticipantFields[], opts: { seed?: number } = {}): Promise<Uint8Array> {
  return writeLayout(messyLayout(participants, opts).sheets);
}

function cleanRow(p: ParticipantFields, i: number): (string | number)[] {
  const phone = p.phone ? formatPhone(p.phone) : '';
  return [i + 1, p.name, p.business, p.nib ?? '', regencyText(p.regency), p.district, p.address, phone, p.productType, p.productName];
}

/** A clean single-sheet list (header on row 1, NIBs as text) for benchmarks and large imports. */
export async function writeLargeWorkbook(participants: readonly ParticipantFields[]): Promise<Uint8Array> {
  return writeLayout([{ name: 'Peserta', rows: [LIST_HEADER, ...participants.map(cleanRow)], merges: [] }]);
}

export interface CsvOptions {
  separator: ';' | ',';
  encoding: 'utf-8' | 'windows-1252';
  /** UTF-8 only: the byte-order mark Excel writes for "CSV UTF-8". */
  bom?: boolean;
}

function csvField(value: string | number, separator: string): string {
  const text = String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A clean list as Excel saves CSV: header row, CRLF line ends. */
export function writeCsv(participants: readonly ParticipantFields[], opts: CsvOptions): Uint8Array {
  const lines = [LIST_HEADER, ...participants.map(cleanRow)].map((row) => row.map((v) => csvField(v, opts.separator)).join(opts.separator));
  const text = `${lines.join('\r\n')}\r\n`;
  if (opts.encoding === 'windows-1252') return encodeWindows1252(text);
  const body = new TextEncoder().encode(text);
  if (!opts.bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}
