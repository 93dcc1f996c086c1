import type { Signatory } from '../../../../shared/events';
import type { EventConfig } from '../../../../shared/fold';
import { formatIsoDate } from '../../../../shared/i18n';
import type { Signer } from './layout/report-pdf';

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

/** A signatory's block: heading lines, the role (PIHAK PERTAMA) if any, the position, space to sign, the name underlined, the NIP. */
export function signatoryBlock(heading: string[], role: string, s: Signatory): Signer {
  return {
    above: [...heading, ...(role ? [role] : []), s.position],
    below: [[{ text: s.name, font: 'bold', underline: true }], `NIP. ${s.nip}`],
  };
}
