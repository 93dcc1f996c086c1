/**
 * Indonesian mobile numbers (domain.md §2): stored as E.164 "+628…", shown as "0812-3456-789".
 * The national part must match libphonenumber's ID mobile pattern 8[1-35-9]\d{7,10}.
 */
export type PhoneResult = { ok: true; phone: string } | { ok: false; reason: 'missing' | 'invalid' };

const MOBILE = /^8[1-35-9]\d{7,10}$/;
const MISSING = /^(-+|tidak ada|tdk ada|belum ada|kosong|n\/?a)$/i;

export function parsePhone(cell: string | number | null | undefined): PhoneResult {
  if (cell === null || cell === undefined) return { ok: false, reason: 'missing' };
  const raw = typeof cell === 'number' ? String(cell) : cell.trim();
  if (!raw || MISSING.test(raw)) return { ok: false, reason: 'missing' };
  let digits = raw.replace(/[\s\u00a0\-().]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'invalid' };
  // "0062…" is the international call prefix; "+62 (0)812…" keeps the trunk 0 in brackets.
  if (digits.startsWith('0062')) digits = digits.slice(2);
  let national: string;
  if (digits.startsWith('62')) national = digits.slice(2).replace(/^0/, '');
  else if (digits.startsWith('0')) national = digits.slice(1);
  else national = digits; // a number cell that lost its leading 0
  return MOBILE.test(national) ? { ok: true, phone: `+62${national}` } : { ok: false, reason: 'invalid' };
}

/** "+6281234567890" → "0812-3456-7890" */
export function formatPhone(e164: string): string {
  if (!e164.startsWith('+62')) return e164;
  const local = `0${e164.slice(3)}`;
  return [local.slice(0, 4), local.slice(4, 8), local.slice(8)].filter(Boolean).join('-');
}
