import { formatIsoDate, formatNumber } from '../../../../shared/i18n';
import { REKAP_HEADERS, rekapTotals } from '../report-tables';
import type { RegencyTotals, ReportData } from '../report-data';
import { esc, KOP, page } from './page';

const n = (value: number) => formatNumber('id', value);
const percent = (part: number, whole: number) => `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(whole > 0 ? (part / whole) * 100 : 0)}%`;

function row(r: RegencyTotals, total: boolean): string {
  const cells = [r.target, r.registered, r.present].map((v) => `<td class="num">${n(v)}</td>`).join('');
  const stock = [r.issued, r.handedOwner, r.handedRepresentative, r.notHanded, r.notIssued].map((v) => `<td class="num">${n(v)}</td>`).join('');
  const note = r.walkIns ? `${n(r.walkIns)} daftar di tempat` : '';
  return `<tr${total ? ' class="total"' : ''}><td>${esc(r.code)}</td><td>${esc(r.name)}</td>${cells}<td class="num">${percent(r.present, r.registered)}</td>${stock}<td>${note}</td></tr>`;
}

/** Rekapitulasi per Kabupaten/Kota with the "Jumlah" row, numbers written 1.000. */
export function rekapHtml(data: ReportData): string {
  const head = REKAP_HEADERS.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = `${KOP}<h1>REKAPITULASI PER KABUPATEN/KOTA</h1><p class="number">${esc(data.event.name)} · ${esc(formatIsoDate('id', data.event.date))} · ${esc(data.event.venue)}</p>
<table class="grid"><colgroup><col style="width:14mm"><col style="width:55mm"></colgroup><thead><tr>${head}</tr></thead><tbody>${data.regencies.map((r) => row(r, false)).join('')}${row(rekapTotals(data), true)}</tbody></table>`;
  return page('Rekapitulasi', body, 'landscape');
}
