import { formatIsoDate, formatNumber } from '../../../../shared/i18n';
import { REKAP_HEADERS, rekapTotals } from '../report-tables';
import type { RegencyTotals, ReportData } from '../report-data';
import type { Cell, Column } from './layout/grid';
import { ReportPdf } from './layout/report-pdf';

const n = (value: number) => formatNumber('id', value);
const percent = (part: number, whole: number) => `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }).format(whole > 0 ? (part / whole) * 100 : 0)}%`;

/** Kode and Kabupaten/Kota as on the Dinas's form, the figures as wide as they need, Keterangan the rest. */
const COLUMNS: Column[] = REKAP_HEADERS.map((header, i): Column => {
  if (i === 0) return { header, width: 14 };
  if (i === 1) return { header, width: 55 };
  if (i === REKAP_HEADERS.length - 1) return { header };
  return { header, width: 'fit', align: 'right', keep: true };
});

function row(r: RegencyTotals): Cell[] {
  const figures = [r.target, r.registered, r.present].map(n);
  const stock = [r.issued, r.handedOwner, r.handedRepresentative, r.notHanded, r.notIssued].map(n);
  return [r.code, r.name, ...figures, percent(r.present, r.registered), ...stock, r.walkIns ? `${n(r.walkIns)} daftar di tempat` : ''];
}

/** Rekapitulasi per Kabupaten/Kota with the "Jumlah" row in bold, numbers written 1.000. */
export function rekapPdf(data: ReportData, stamp: Date): Promise<Uint8Array> {
  const pdf = new ReportPdf({ title: 'Rekapitulasi', stamp, landscape: true });
  pdf.kop();
  pdf.title('REKAPITULASI PER KABUPATEN/KOTA');
  pdf.subtitle(`${data.event.name} · ${formatIsoDate('id', data.event.date)} · ${data.event.venue}`);
  pdf.table(COLUMNS, data.regencies.map(row), { totals: row(rekapTotals(data)) });
  return pdf.finish();
}
