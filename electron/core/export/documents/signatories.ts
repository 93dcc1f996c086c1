import type { Signatory } from '../../../../shared/events';
import type { EventConfig } from '../../../../shared/fold';
import { formatIsoDate } from '../../../../shared/i18n';

/** Dotted blanks to write on by hand where the event settings name no one. */
const PLACEHOLDER: Signatory = { name: '..................................................', nip: '..................................', position: '..................................................' };

/** The first configured signatory signs as PIHAK PERTAMA and "Mengetahui"; the rest witness the BAST. */
export function signatories(event: EventConfig): [Signatory, ...Signatory[]] {
  const [first, ...rest] = event.signatories ?? [];
  return [first ?? PLACEHOLDER, ...rest];
}

/** "Banjarbaru, 21 Mei 2024" above a signature: the last part of the venue ("Aula …, Banjarbaru") and the date without its weekday. */
export function placeAndDate(event: EventConfig): string {
  const place = event.venue.split(',').at(-1)?.trim() || 'Banjarbaru';
  return `${place}, ${formatIsoDate('id', event.date).split(', ')[1] ?? event.date}`;
}
