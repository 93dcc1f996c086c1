import type { Lang } from '../../../shared/i18n';

/**
 * "di meja {desk}" reads wrong when the desk is already called "Meja 2": name it once.
 * Used in "Sudah hadir pukul 09.30 WITA, di Meja 2, oleh Rina".
 */
export function deskPhrase(lang: Lang, deskName: string): string {
  const name = deskName.trim();
  if (lang === 'id') return /^(meja|loket)\b/i.test(name) ? name : `meja ${name}`;
  return /^(desk|meja|loket)\b/i.test(name) ? name : `desk ${name}`;
}

/** "Kabupaten Barito Kuala" → "Kab. Barito Kuala" where space is short (lists, counters). */
export function shortRegency(name: string): string {
  return name.replace(/^Kabupaten\s+/i, 'Kab. ');
}
