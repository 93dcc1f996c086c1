import type { RegencyTotals } from '../report-data';

/** The Daftar Hadir and the BAST have a section per kabupaten/kota that has anyone to list, in the Rekap's order. */
export function regencySections<T>(regencies: RegencyTotals[], items: T[], regencyOf: (item: T) => string | null | undefined): { regency: RegencyTotals; items: T[] }[] {
  const byCode = new Map<string, T[]>();
  for (const item of items) {
    const code = regencyOf(item) ?? '';
    const group = byCode.get(code);
    if (group) group.push(item);
    else byCode.set(code, [item]);
  }
  return regencies.flatMap((regency) => {
    const group = byCode.get(regency.code);
    return group ? [{ regency, items: group }] : [];
  });
}
