/**
 * NIK (KTP number, domain.md §2): 16 digits `PP KK CC DDMMYY SSSS`; women's day is +40. There is
 * no checksum, so the check is the length, a province code and a real day and month.
 */
export type NikResult = { ok: true; nik: string } | { ok: false };

/**
 * The provinces' two-digit codes (Kemendagri, which Dukcapil numbers NIKs by): Sumatra 11–19,
 * Kepulauan Riau 21, Java 31–36, Bali and Nusa Tenggara 51–53, Kalimantan 61–65, Sulawesi 71–76,
 * Maluku 81–82, and Papua's 91–96 (92 Papua Barat, 93–96 the provinces formed in 2022; 94 is
 * also Papua in BPS numbering, which older cards may carry).
 */
const PROVINCES = new Set([11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96]);

export function parseNik(raw: string): NikResult {
  const nik = raw.replace(/[\s.-]/g, '');
  if (!/^\d{16}$/.test(nik)) return { ok: false };
  const province = Number(nik.slice(0, 2));
  const day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const dayOk = (day >= 1 && day <= 31) || (day >= 41 && day <= 71);
  if (!PROVINCES.has(province) || !dayOk || month < 1 || month > 12) return { ok: false };
  return { ok: true, nik };
}

/** "6371••••••••0001": enough for the person to recognise their own number, not enough to misuse it. */
export function maskNik(nik: string): string {
  return `${nik.slice(0, 4)}${'•'.repeat(nik.length - 8)}${nik.slice(-4)}`;
}
