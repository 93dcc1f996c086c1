import type { EventConfig } from '../../../../shared/fold';
import { formatIsoDate, formatNumber } from '../../../../shared/i18n';
import { privacyNotice } from '../../../../shared/privacy-notice';
import { witaText } from '../cells';
import type { Completeness } from '../completeness';
import type { Column } from './layout/grid';
import { ReportPdf } from './layout/report-pdf';

export interface SummaryInput {
  event: EventConfig;
  deskName: string;
  digest: string;
  eventCount: number;
  completeness: Completeness;
  files: { name: string; sha256: string }[];
  /** The export's stamp: the file's dates, so the same events give the same bytes. */
  stamp: Date;
}

const DESKS: Column[] = [
  { header: 'Meja' },
  { header: 'ID Meja', width: 'fit', font: 'mono' },
  { header: 'Urutan terakhir', width: 'fit', align: 'right', keep: true },
  { header: 'Peristiwa terakhir', width: 'fit', font: 'mono' },
  { header: 'Waktu', width: 'fit', keep: true },
];
const FILES: Column[] = [{ header: 'Berkas' }, { header: 'SHA-256', width: 'fit', font: 'mono' }];

/**
 * The printed summary: whether the export is complete, the digest of the event log, each desk's
 * last event included and the SHA-256 of every file, so the paper copy can vouch for the files.
 */
export function summaryPdf(s: SummaryInput): Promise<Uint8Array> {
  const c = s.completeness;
  const pdf = new ReportPdf({ title: 'Ringkasan Ekspor', stamp: s.stamp });
  pdf.kop();
  pdf.title('RINGKASAN EKSPOR LAPORAN HARIAN');
  pdf.subtitle(`${s.event.name} · ${formatIsoDate('id', s.event.date)}`);
  pdf.info([
    ['Diekspor dari', `: ${s.deskName}`],
    ['Jumlah peristiwa', `: ${formatNumber('id', s.eventCount)}`],
    ['Digest log peristiwa', [{ text: ': ' }, { text: s.digest, font: 'mono' }]],
  ]);
  if (c.warnings.length > 0) pdf.warning(c.statement, c.warnings);
  else pdf.paragraph([{ text: c.statement, font: 'bold' }]);
  pdf.heading('Peristiwa terakhir yang dimuat per meja');
  pdf.table(
    DESKS,
    c.desks.map((d) => [d.name, d.desk, formatNumber('id', d.lastSeq), d.lastEventId ?? '-', d.lastEventAt ? `${witaText(d.lastEventAt)} WITA` : '-']),
    { size: 7.5 },
  );
  pdf.heading('SHA-256 berkas');
  pdf.table(
    FILES,
    s.files.map((f) => [f.name, f.sha256]),
    { size: 7.5 },
  );
  // The data-processing notice travels with the personal data it is about.
  const notice = privacyNotice('id', { eventName: s.event.name, retentionDate: s.event.retentionDate ?? null });
  pdf.heading(notice.title);
  pdf.bullets(notice.items);
  return pdf.finish();
}
