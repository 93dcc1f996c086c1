/** Kalimantan Selatan kabupaten/kota, Kemendagri codes (domain.md §3). */
export interface Regency {
  code: string;
  name: string;
  short: string;
}

export const REGENCIES: readonly Regency[] = [
  { code: '63.01', name: 'Kabupaten Tanah Laut', short: 'Tanah Laut' },
  { code: '63.02', name: 'Kabupaten Kotabaru', short: 'Kotabaru' },
  { code: '63.03', name: 'Kabupaten Banjar', short: 'Banjar' },
  { code: '63.04', name: 'Kabupaten Barito Kuala', short: 'Barito Kuala' },
  { code: '63.05', name: 'Kabupaten Tapin', short: 'Tapin' },
  { code: '63.06', name: 'Kabupaten Hulu Sungai Selatan', short: 'Hulu Sungai Selatan' },
  { code: '63.07', name: 'Kabupaten Hulu Sungai Tengah', short: 'Hulu Sungai Tengah' },
  { code: '63.08', name: 'Kabupaten Hulu Sungai Utara', short: 'Hulu Sungai Utara' },
  { code: '63.09', name: 'Kabupaten Tabalong', short: 'Tabalong' },
  { code: '63.10', name: 'Kabupaten Tanah Bumbu', short: 'Tanah Bumbu' },
  { code: '63.11', name: 'Kabupaten Balangan', short: 'Balangan' },
  { code: '63.71', name: 'Kota Banjarmasin', short: 'Banjarmasin' },
  { code: '63.72', name: 'Kota Banjarbaru', short: 'Banjarbaru' },
];

/**
 * The six participating areas of the 21 May 2024 event and their share of the 1000 target.
 * The split is the organizer's to change in event setup; this is only the starting point.
 */
export const DEFAULT_EVENT_REGENCIES: readonly { code: string; target: number }[] = [
  { code: '63.01', target: 160 },
  { code: '63.04', target: 160 },
  { code: '63.05', target: 140 },
  { code: '63.03', target: 180 },
  { code: '63.71', target: 200 },
  { code: '63.72', target: 160 },
];

const BY_CODE = new Map(REGENCIES.map((r) => [r.code, r]));

export function regencyByCode(code: string): Regency | undefined {
  return BY_CODE.get(code);
}

/** Local abbreviations and old spellings seen in Dinas spreadsheets. Keys are folded (see fold()). */
const ALIASES: Record<string, string> = {
  tala: '63.01',
  tanahlaut: '63.01',
  kotabaru: '63.02',
  banjar: '63.03',
  martapura: '63.03',
  baritokuala: '63.04',
  batola: '63.04',
  marabahan: '63.04',
  tapin: '63.05',
  rantau: '63.05',
  hulusungaiselatan: '63.06',
  hss: '63.06',
  hulusungaitengah: '63.07',
  hst: '63.07',
  hulusungaiutara: '63.08',
  hsu: '63.08',
  tabalong: '63.09',
  tanahbumbu: '63.10',
  tanbu: '63.10',
  balangan: '63.11',
  banjarmasin: '63.71',
  bjm: '63.71',
  bjrm: '63.71',
  banjarbaru: '63.72',
  bjb: '63.72',
  bjbr: '63.72',
};

const PREFIX = /^(kabupaten|kab|kota|kot|kodya|kotamadya)\b\.?/;

function fold(raw: string): string {
  return raw
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9. ]+/g, ' ')
    .trim();
}

/**
 * Resolve a regency as written in a spreadsheet to its code.
 * Whole-name matching only: "Banjar" never matches Banjarmasin or Banjarbaru, and vice versa.
 * "Kota Baru" (two words) is Kotabaru, but "Kota Banjarbaru" drops the prefix first.
 */
export function matchRegency(raw: string): string | null {
  const folded = fold(raw);
  if (!folded) return null;
  const numeric = folded.match(/^63\.?(\d{2})$/);
  if (numeric) return BY_CODE.has(`63.${numeric[1]}`) ? `63.${numeric[1]}` : null;
  const compact = folded.replace(/[ .]/g, '');
  if (ALIASES[compact]) return ALIASES[compact];
  const stripped = folded.replace(PREFIX, '').replace(/[ .]/g, '');
  const code = ALIASES[stripped] ?? null;
  // "Kota Banjar" names no town (Banjar is a kabupaten): Banjarmasin or Banjarbaru? Report it, never guess.
  if (code === '63.03' && /^(kota|kot|kodya|kotamadya)\b/.test(folded)) return null;
  return code;
}
