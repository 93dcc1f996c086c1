const ONES = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'sebelas'];

/** A whole number in Indonesian words ("dua ribu dua puluh empat"), as a berita acara writes dates and counts. */
export function terbilang(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new Error(`terbilang: ${n}`);
  if (n === 0) return 'nol';
  return words(n).replace(/\s+/g, ' ').trim();
}

function words(n: number): string {
  if (n < 12) return ONES[n]!;
  if (n < 20) return `${words(n - 10)} belas`;
  if (n < 100) return `${words(Math.floor(n / 10))} puluh ${words(n % 10)}`;
  if (n < 200) return `seratus ${words(n - 100)}`;
  if (n < 1000) return `${words(Math.floor(n / 100))} ratus ${words(n % 100)}`;
  if (n < 2000) return `seribu ${words(n - 1000)}`;
  if (n < 1_000_000) return `${words(Math.floor(n / 1000))} ribu ${words(n % 1000)}`;
  if (n < 1_000_000_000) return `${words(Math.floor(n / 1_000_000))} juta ${words(n % 1_000_000)}`;
  return `${words(Math.floor(n / 1_000_000_000))} miliar ${words(n % 1_000_000_000)}`;
}

/** "Selasa tanggal dua puluh satu bulan Mei tahun dua ribu dua puluh empat (21-05-2024)". */
export function dateInWords(isoDate: string): string {
  const at = Date.parse(`${isoDate}T12:00:00Z`);
  const weekday = new Intl.DateTimeFormat('id-ID', { weekday: 'long', timeZone: 'UTC' }).format(at);
  const month = new Intl.DateTimeFormat('id-ID', { month: 'long', timeZone: 'UTC' }).format(at);
  const [y, m, d] = isoDate.split('-');
  return `${weekday} tanggal ${terbilang(Number(d))} bulan ${month} tahun ${terbilang(Number(y))} (${d}-${m}-${y})`;
}
