import { CLI_TEXT, type CliKey } from './cli';
import { MESSAGES, type MessageKey } from './messages';
import { UI_TEXT, type UiKey } from './ui';

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

export type TextKey = MessageKey | UiKey | CliKey;
type Params = Record<string, string | number>;

/**
 * Fill `{name}` placeholders; numbers are written the Indonesian or English way. A value that ends
 * in a full stop (a name with its degree, "Ahmad, S.Sos.") takes the place of the sentence's own.
 */
export function t(lang: Lang, key: TextKey, params: Params = {}): string {
  const entry =
    (MESSAGES as Record<string, Record<Lang, string>>)[key] ??
    (UI_TEXT as Record<string, Record<Lang, string>>)[key] ??
    (CLI_TEXT as Record<string, Record<Lang, string>>)[key];
  const template = entry?.[lang] ?? key;
  return template.replace(/\{(\w+)\}(\.?)/g, (_m, name: string, stop: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}${stop}`;
    const text = typeof value === 'number' ? formatNumber(lang, value) : value;
    return stop && text.endsWith('.') ? text : text + stop;
  });
}

export function formatNumber(lang: Lang, value: number): string {
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB').format(value);
}

const WITA = 'Asia/Makassar';

/** "Selasa, 21 Mei 2024" (domain.md §6: no dateStyle:'full', which pads the day). */
export function formatDate(lang: Lang, epochMs: number, timeZone = WITA): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(epochMs);
}

/** "09.30 WITA" in Indonesian, "09:30 WITA" in English. */
export function formatTime(lang: Lang, epochMs: number, timeZone = WITA): string {
  const time = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(epochMs);
  return `${time} ${zoneAbbreviation(timeZone)}`;
}

function zoneAbbreviation(timeZone: string): string {
  if (timeZone === 'Asia/Makassar') return 'WITA';
  if (timeZone === 'Asia/Jakarta' || timeZone === 'Asia/Pontianak') return 'WIB';
  if (timeZone === 'Asia/Jayapura') return 'WIT';
  return timeZone;
}

/** A calendar date "2024-05-21" as "Selasa, 21 Mei 2024" (noon UTC keeps the day in every Indonesian zone). */
export function formatIsoDate(lang: Lang, isoDate: string): string {
  return formatDate(lang, Date.parse(`${isoDate}T12:00:00Z`), 'UTC');
}
