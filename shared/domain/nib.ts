/** NIB: exactly 13 digits, kept as text; may start with 0 (domain.md §2). */
export const NIB_LENGTH = 13;

export type NibResult =
  | { ok: true; nib: string; restored?: boolean }
  | { ok: false; reason: 'missing' | 'not_digits' | 'wrong_length' };

const MISSING = /^(-+|belum( ada)?|proses|tidak ada|n\/?a|null|kosong)$/i;

/**
 * Normalize a spreadsheet cell to an NIB. A number-typed cell has lost its leading zeros;
 * it is padded back to 13 digits and marked `restored` so the importer can warn.
 */
export function parseNib(cell: string | number | null | undefined): NibResult {
  if (cell === null || cell === undefined) return { ok: false, reason: 'missing' };
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell < 0) return { ok: false, reason: 'not_digits' };
    const digits = String(cell);
    if (digits.length > NIB_LENGTH) return { ok: false, reason: 'wrong_length' };
    if (digits.length < NIB_LENGTH - 2) return { ok: false, reason: 'wrong_length' };
    return digits.length === NIB_LENGTH
      ? { ok: true, nib: digits }
      : { ok: true, nib: digits.padStart(NIB_LENGTH, '0'), restored: true };
  }
  // Most NIB cells are the 13 digits already, which the steps below give back as they are (parsed twice a row, they were
  // a twentieth of normalizing a 100k-row list).
  if (isNib(cell)) return { ok: true, nib: cell };
  const text = cell.replace(/[\s\u00a0.\-']/g, '');
  if (!text || MISSING.test(cell.trim())) return { ok: false, reason: 'missing' };
  if (!/^\d+$/.test(text)) return { ok: false, reason: 'not_digits' };
  if (text.length !== NIB_LENGTH) return { ok: false, reason: 'wrong_length' };
  return { ok: true, nib: text };
}

export function isNib(text: string): boolean {
  return /^\d{13}$/.test(text);
}
