import type { ColumnMapping, ImportField } from '../api';
import { foldText } from '../domain/text';
import type { RawCell } from './types';

/**
 * Header detection for participant lists. Every Dinas names and orders its columns differently
 * and puts title rows (often merged) above the header, so the header is the row among the first
 * ones that names the most known fields; the operator can still correct the mapping.
 */

export interface HeaderDetection {
  /** 0-based index of the header row (the upper one when a sub-header row follows). */
  headerRow: number;
  /** 0-based index of the first row after the header, its sub-header and a column-number row. */
  firstDataRow: number;
  /** Header text per column, sub-header joined in as "ALAMAT / KECAMATAN". */
  headers: string[];
  mapping: ColumnMapping;
}

const SEARCH_ROWS = 30;

/** Folded (see foldText) header names that need no guessing. */
const EXACT: Record<ImportField, string[]> = {
  nib: ['nib', 'no nib', 'nomor nib', 'nomor induk berusaha', 'no induk berusaha', 'nib oss', 'nib rba'],
  name: [
    'nama',
    'name',
    'nama pelaku usaha',
    'nama pemilik',
    'nama pemilik usaha',
    'nama lengkap',
    'nama peserta',
    'nama pu',
    'pelaku usaha',
    'nama penanggung jawab',
    'pemilik',
    'owner',
    'owner name',
    'full name',
    'participant',
  ],
  business: [
    'nama usaha',
    'nama umkm',
    'nama ukm',
    'nama ikm',
    'umkm',
    'usaha',
    'merek',
    'merk',
    'nama merek',
    'nama toko',
    'nama perusahaan',
    'perusahaan',
    'business',
    'business name',
    'brand',
    'company',
  ],
  phone: [
    'hp',
    'no hp',
    'no hp wa',
    'no wa',
    'wa',
    'whatsapp',
    'no whatsapp',
    'nomor whatsapp',
    'nomor hp',
    'no telp',
    'telp',
    'telepon',
    'no telepon',
    'nomor telepon',
    'no handphone',
    'handphone',
    'kontak',
    'phone',
    'phone number',
    'mobile',
  ],
  regency: ['kab kota', 'kabupaten kota', 'kabupaten', 'kota', 'kab', 'regency', 'city', 'regency city'],
  district: ['kecamatan', 'kec', 'district', 'sub district', 'subdistrict'],
  address: [
    'alamat',
    'alamat usaha',
    'alamat lengkap',
    'alamat rumah',
    'alamat pelaku usaha',
    'tempat usaha',
    'lokasi usaha',
    'jalan',
    'address',
  ],
  productType: ['jenis produk', 'jenis usaha', 'kategori produk', 'kategori', 'jenis', 'product type', 'category'],
  productName: ['nama produk', 'produk', 'product', 'product name', 'products'],
};

const EXACT_FIELD = new Map<string, ImportField>(
  Object.entries(EXACT).flatMap(([field, names]) => names.map((n) => [n, field as ImportField])),
);

/**
 * Columns that are not participant fields; any of these words settles it, so "Alamat Email",
 * "Nama Desa" or "Jenis Kelamin" are not taken for address, name or product type.
 */
const IGNORED_WORDS = new Set(
  (
    'nik ktp email mail surel desa kelurahan kel rt rw kode pos provinsi prov tanggal tgl lahir ' +
    'tempat kelamin agama umur usia pendidikan skala modal omzet omset aset kbli npwp sertifikat sh status ' +
    'keterangan ket ttd tanda tangan paraf pendamping lembaga pendaftaran fasilitasi kuota website instagram ' +
    'facebook jumlah total harga badan'
  ).split(' '),
);

const has = (words: Set<string>, list: string): boolean => list.split(' ').some((w) => words.has(w));

/**
 * Guesses for names not in EXACT, in priority order: the specific words first, so that
 * "Nama Pelaku Usaha" is a name and "Nama Usaha" a business, never the other way.
 */
const GUESSES: [ImportField, (words: Set<string>, folded: string) => boolean][] = [
  ['nib', (w, f) => w.has('nib') || f.includes('induk berusaha')],
  ['phone', (w) => has(w, 'hp wa whatsapp telp tlp telepon telpon phone handphone ponsel mobile kontak contact')],
  ['regency', (w) => has(w, 'kab kabupaten kota kabkota kodya regency city')],
  ['district', (w) => has(w, 'kecamatan kec district')],
  ['address', (w) => has(w, 'alamat address lokasi domisili')],
  ['productType', (w) => has(w, 'jenis kategori kelompok type category') && has(w, 'produk product usaha pangan')],
  ['productName', (w) => has(w, 'produk product komoditas komoditi')],
  ['name', (w, f) => f.includes('pelaku usaha') || has(w, 'pemilik owner lengkap peserta penanggung pimpinan')],
  ['business', (w) => has(w, 'usaha umkm ukm ikm merek merk brand perusahaan business company')],
  ['name', (w) => has(w, 'nama name')],
];

type Match = { field: ImportField; exact: boolean } | 'ignored' | null;

function classify(text: string): Match {
  // "(SESUAI KTP)" or "(NIB)" only annotates the name before it.
  const folded = foldText(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')) || foldText(text);
  if (!folded || folded.length > 60) return null;
  const exact = EXACT_FIELD.get(folded);
  if (exact) return { field: exact, exact: true };
  const words = new Set(folded.split(' '));
  if ([...words].some((w) => IGNORED_WORDS.has(w))) return 'ignored';
  // Data cells such as "Jl. A. Yani No. 5" or "Toko Sejahtera 2" are not column names.
  if (words.size > 6 || /\d/.test(folded)) return null;
  for (const [field, test] of GUESSES) if (test(words, folded)) return { field, exact: false };
  return null;
}

/** The field a column name stands for, or null. */
export function matchHeader(label: string): ImportField | null {
  const match = classify(label);
  return match && match !== 'ignored' ? match.field : null;
}

/** 0 → "A", 26 → "AA", as Excel names columns. */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** "A" → 0, "AA1" → 26: the column of a cell reference (its leading letters). */
export function columnIndex(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i) & 0xdf;
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
  }
  return col - 1;
}

function label(cell: RawCell | undefined): string {
  return typeof cell === 'string' ? cell.replace(/\s+/g, ' ').trim() : '';
}

/** Best column per field: an exact name beats a guess, then the leftmost column wins. */
function mapColumns(matches: Match[]): { mapping: ColumnMapping; score: number } {
  const best = new Map<ImportField, { col: number; exact: boolean }>();
  matches.forEach((m, col) => {
    if (!m || m === 'ignored') return;
    const seen = best.get(m.field);
    if (!seen || (m.exact && !seen.exact)) best.set(m.field, { col, exact: m.exact });
  });
  const mapping: ColumnMapping = {};
  let score = 0;
  for (const [field, { col, exact }] of best) {
    mapping[field] = col;
    score += exact ? 2 : 1;
  }
  return { mapping, score };
}

function isHeaderLike(mapping: ColumnMapping, score: number): boolean {
  const fields = Object.keys(mapping).length;
  return fields >= 2 && score >= 3 && (mapping.name !== undefined || mapping.nib !== undefined || mapping.business !== undefined);
}

/**
 * A row under the header that names columns only, e.g. "KECAMATAN | KAB/KOTA" under a merged
 * "ALAMAT". Merged cells repeat the value above, so a repeat is not a sub-header name.
 */
function subHeaderMatches(header: RawCell[], below: RawCell[] | undefined): Match[] | null {
  if (!below) return null;
  const matches: Match[] = [];
  let named = 0;
  for (let col = 0; col < below.length; col++) {
    const cell = below[col];
    if (cell === null || cell === undefined || label(cell) === '' || label(cell) === label(header[col])) continue;
    if (typeof cell !== 'string') return null;
    const match = classify(cell);
    if (!match) return null;
    matches[col] = match;
    if (match !== 'ignored') named++;
  }
  return named > 0 ? matches : null;
}

/** "1 | 2 | 3 …" or "(1) | (2) …": the column-number row Indonesian government tables carry. */
function isColumnNumberRow(row: RawCell[] | undefined): boolean {
  if (!row) return false;
  const cells = row.filter((c) => label(c) !== '' || typeof c === 'number');
  return cells.length >= 2 && cells.every((c) => /^\(?\d{1,2}\)?$/.test(String(c).trim()));
}

function scoreRow(row: readonly RawCell[] | undefined): { mapping: ColumnMapping; score: number } | null {
  const { mapping, score } = mapColumns((row ?? []).map((c) => (typeof c === 'string' ? classify(c) : null)));
  return isHeaderLike(mapping, score) ? { mapping, score } : null;
}

export function detectHeader(rows: readonly RawCell[][]): HeaderDetection | null {
  let best: { row: number; score: number } | null = null;
  for (let r = 0; r < Math.min(rows.length, SEARCH_ROWS); r++) {
    const found = scoreRow(rows[r]);
    if (found && (!best || found.score > best.score)) best = { row: r, score: found.score };
  }
  if (!best) return null;
  // Vertical merges repeat "NAMA", "NIB" into a sub-header row, which can then outscore its parent.
  if (best.row > 0 && scoreRow(rows[best.row - 1]) && subHeaderMatches(rows[best.row - 1]!, rows[best.row])) best.row--;

  const header = rows[best.row]!;
  const matches = header.map((c) => (typeof c === 'string' ? classify(c) : null));
  const headers = header.map(label);
  let next = best.row + 1;
  const sub = subHeaderMatches(header, rows[next]);
  if (sub) {
    sub.forEach((m, col) => {
      matches[col] = m;
      const below = label(rows[next]![col]);
      headers[col] = headers[col] ? `${headers[col]} / ${below}` : below;
    });
    next++;
  }
  if (isColumnNumberRow(rows[next])) next++;
  return { headerRow: best.row, firstDataRow: next, headers: Array.from(headers, (h) => h ?? ''), mapping: mapColumns(matches).mapping };
}
