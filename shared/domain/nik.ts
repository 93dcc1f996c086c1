/**
 * NIK (KTP number, domain.md §2): 16 digits `PP KK CC DDMMYY SSSS`; women's day is +40. There is
 * no checksum, so the check is the length, a province code and a real day and month.
 */
export type NikResult = { ok: true; nik: string } | { ok: false };

export function parseNik(raw: string): NikResult {
  const nik = raw.replace(/[\s.-]/g, '');
  if (!/^\d{16}$/.test(nik)) return { ok: false };
  const province = Number(nik.slice(0, 2));
  const day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  if (province < 11 || province > 99 || !dayOk || month < 1 || month > 12) return { ok: false };
  return { ok: true, nik };
}

/** "6371••••••••0001": enough for the person to recognise their own number, not enough to misuse it. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}${'•'.repeat(nik.length - 8)}${nik.slice(-4)}`;
}
