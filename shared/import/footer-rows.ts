import { foldText } from '../domain/text';
import { isBlankCell, type RawCell } from './types';

/**
 * Rows under a list that are not participants: the total ("JUMLAH"), and the signature block
 * ("Banjarbaru, 21 Mei 2024", "Mengetahui,", "Kepala Dinas …", the official's name, "NIP. 1970…").
 * Only rows without a readable NIB are considered, and totals that name nobody, so a participant
 * is never taken for one.
 */
const TOTAL = /^(jumlah|total|sub ?total|grand total|jumlah total|total peserta|jumlah peserta)$/;
/**
 * ASCII letters and digits no TOTAL label has: folding keeps them, so a cell with one is no total.
 * Most names have one ("i" alone is in most): folding the name of every row with an NIB was a
 * twentieth of normalizing a 100k-row list.
 */
const NOT_IN_TOTALS = /[cfikqvwxyzCFIKQVWXYZ0-9]/;
const SIGNATURE =
  /^(mengetahui|menyetujui|disetujui|diketahui|dibuat oleh|yang membuat|an kepala|a n kepala|plt kepala|plh kepala|kepala (dinas|bidang|seksi|bagian|kantor|badan|upt)\b|sekretaris dinas|nip( \d.*)?$|nip \d|pembina|penata)/;
const MONTHS = 'januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember';
const PLACE_DATE = new RegExp(`^[a-z ]{3,40} \\d{1,2} (${MONTHS}) \\d{4}$`);

export type FooterKind = 'total' | 'signature' | null;

/** "JUMLAH", "Total", "Jumlah Peserta": a total's label, never a person's name. */
export function isTotalLabel(cell: RawCell): boolean {
  return typeof cell === 'string' && !NOT_IN_TOTALS.test(cell) && TOTAL.test(foldText(cell));
}

export function footerKind(cells: readonly RawCell[]): FooterKind {
  let kind: FooterKind = null;
  for (const cell of cells) {
    if (typeof cell !== 'string' || isBlankCell(cell)) continue;
    const folded = foldText(cell);
    if (SIGNATURE.test(folded) || (PLACE_DATE.test(folded) && cell.includes(','))) return 'signature';
    if (isTotalLabel(cell)) kind = 'total';
  }
  return kind;
}

/** Tracks one sheet: after the first signature line, every following row without an NIB is part of the block. */
export class FooterRows {
  private inSignature = false;
  count = 0;

  /** Whether a row without a readable NIB is a total or signature row (and counts it). */
  isFooter(cells: readonly RawCell[]): boolean {
    const kind = footerKind(cells);
    if (kind === 'signature') this.inSignature = true;
    const footer = kind !== null || this.inSignature;
    if (footer) this.count++;
    return footer;
  }

  /**
   * Whether a row whose NIB cell does read as one is a total (and counts it): a SUM under NIBs
   * typed as numbers (leading 0 lost) adds up to a number as long as they are.
   */
  isTotal(cells: readonly RawCell[]): boolean {
    const total = footerKind(cells) === 'total';
    if (total) this.count++;
    return total;
  }
}
