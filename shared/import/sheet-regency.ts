import { matchRegency } from '../domain/regency';
import { foldText } from '../domain/text';
import type { RawCell } from './types';

export interface SheetRegency {
  code: string;
  /** Where it was read: the sheet's name or a title row above the header. */
  source: 'sheet' | 'title';
  /** The text it was read from, as the organizer sees it. */
  text: string;
}

const PREFIXES = new Set(['kabupaten', 'kab', 'kota', 'kodya', 'kotamadya']);
const MAX_NAME_WORDS = 4;

/** A regency named inside a title such as "DAFTAR PESERTA … KABUPATEN TANAH LAUT TAHUN 2024". */
function regencyInTitle(text: string): string | null {
  const whole = matchRegency(text);
  if (whole) return whole;
  const words = foldText(text).split(' ');
  for (let i = 0; i < words.length; i++) {
    if (!PREFIXES.has(words[i]!)) continue;
    // The longest name first: "Kota Baru" is Kotabaru, "Kabupaten Hulu Sungai Selatan" is HSS.
    for (let n = Math.min(MAX_NAME_WORDS, words.length - i - 1); n >= 1; n--) {
      const code = matchRegency(words.slice(i, i + 1 + n).join(' '));
      if (code) return code;
    }
  }
  return null;
}

/**
 * Lists with one sheet per regency often have no Kab/Kota column: the sheet is named "Tanah
 * Laut" or "Kota Banjarbaru" and the title row says it. Used only when no column gives the regency.
 */
export function sheetRegency(name: string, titleRows: readonly RawCell[][]): SheetRegency | null {
  const fromName = matchRegency(name);
  if (fromName) return { code: fromName, source: 'sheet', text: name };
  for (const row of titleRows) {
    for (const cell of row) {
      if (typeof cell !== 'string' || !cell.trim()) continue;
      const code = regencyInTitle(cell);
      if (code) return { code, source: 'title', text: cell.replace(/\s+/g, ' ').trim() };
    }
  }
  return null;
}
