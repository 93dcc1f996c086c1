import { escapeHtml } from '../../../../shared/badge/badge-html';
import type { Signatory } from '../../../../shared/events';
import type { EventConfig } from '../../../../shared/fold';

export const esc = escapeHtml;

/** Dotted blanks to write on by hand where the event settings name no one. */
const PLACEHOLDER: Signatory = { name: '..................................................', nip: '..................................', position: '..................................................' };

/** The first configured signatory signs as PIHAK PERTAMA and "Mengetahui"; the rest witness the BAST. */
export function signatories(event: EventConfig): [Signatory, ...Signatory[]] {
  const [first, ...rest] = event.signatories ?? [];
  return [first ?? PLACEHOLDER, ...rest];
}

/** The place of the "Banjarbaru, 21 Mei 2024" line: the last part of the venue ("Aula …, Banjarbaru"). */
export function place(event: EventConfig): string {
  return event.venue.split(',').at(-1)?.trim() || 'Banjarbaru';
}

export function signatureBlock(heading: string, role: string, s: Signatory): string {
  return `<div class="signer"><p>${heading}</p><p>${esc(role)}</p><p class="position">${esc(s.position)}</p><div class="space"></div><p class="name">${esc(s.name)}</p><p>NIP. ${esc(s.nip)}</p></div>`;
}

/** The letterhead (kop) of the Dinas, as on its printed forms. */
export const KOP = `<header class="kop"><p>PEMERINTAH PROVINSI KALIMANTAN SELATAN</p><p class="dinas">DINAS KOPERASI DAN USAHA KECIL MENENGAH</p></header>`;

export function page(title: string, body: string, orientation: 'portrait' | 'landscape' = 'portrait'): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${esc(title)}</title><style>
@page { size: A4 ${orientation}; margin: 14mm 12mm }
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; color: #000 }
.kop { text-align: center; border-bottom: 0.6mm double #000; margin-bottom: 4mm; padding-bottom: 1mm }
.kop p { margin: 0; font-weight: 700 } .kop .dinas { font-size: 11pt }
h1 { font-size: 12pt; text-align: center; margin: 0 0 1mm } h2 { font-size: 10.5pt; margin: 4mm 0 1mm } .number { text-align: center; margin: 0 0 3mm }
.section { break-before: page } .section:first-of-type { break-before: auto }
table.grid { width: 100%; border-collapse: collapse; margin: 2mm 0 } table.grid th, table.grid td { border: 0.2mm solid #000; padding: 1mm; vertical-align: top; overflow-wrap: anywhere }
table.grid th { background: #eee } table.small { font-size: 7.5pt } table.grid thead { display: table-header-group } table.grid tr { break-inside: avoid }
td.num { text-align: right; white-space: nowrap } td.id, th.id { white-space: nowrap } tr.total td { font-weight: 700 }
table.info td { padding: 0.3mm 2mm 0.3mm 0; vertical-align: top }
td.sig { height: 9mm; width: 30mm } td.sig.odd { text-align: left } td.sig.even { text-align: right }
td.sig svg { width: 26mm; height: 10mm; display: block }
.signers { display: flex; justify-content: space-between; margin-top: 6mm; break-inside: avoid } .signer { width: 45%; text-align: center }
.signer p { margin: 0 } .signer .space { height: 18mm } .signer .name { font-weight: 700; text-decoration: underline }
.warning { border: 0.5mm solid #000; padding: 2mm; font-weight: 700 } code { font-size: 7.5pt; overflow-wrap: anywhere }
</style></head><body>${body}</body></html>`;
}
