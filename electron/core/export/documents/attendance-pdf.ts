import { formatIsoDate } from '../../../../shared/i18n';
import { localPhone } from '../participant-fields';
import type { ReportData } from '../report-data';
import type { Column } from './layout/grid';
import { ReportPdf } from './layout/report-pdf';
import { regencySections } from './regency-sections';
import { placeAndDate, signatories, signatoryBlock } from './signatories';

/** Widths as on the Dinas's form; NIB and phone as wide as their numbers, Nama Usaha the rest. */
const COLUMNS: Column[] = [
  { header: 'No', width: 8, align: 'right', keep: true },
  { header: 'Nama Pelaku Usaha', width: 38 },
  { header: 'NIB', width: 'fit', keep: true },
  { header: 'Nama Usaha' },
  { header: 'Kabupaten/Kota', width: 26 },
  { header: 'No. HP', width: 'fit', keep: true },
  { header: 'Tanda Tangan', width: 26 },
];

/**
 * The paper Daftar Hadir, one section per kabupaten/kota, for the files. The signature column is
 * staggered as on the Dinas's forms: odd rows sign on the left ("1. ....."), even rows on the right.
 */
export function attendancePdf(data: ReportData, stamp: Date): Promise<Uint8Array> {
  const { event } = data;
  const [signer] = signatories(event);
  const pdf = new ReportPdf({ title: 'Daftar Hadir', stamp });
  const sections = regencySections(data.regencies, data.present, (p) => p.regency);
  for (const { regency: r, items: people } of sections) {
    pdf.section();
    pdf.kop();
    pdf.title('DAFTAR HADIR');
    pdf.info([
      ['Kegiatan', `: ${event.name}`],
      ['Hari/Tanggal', `: ${formatIsoDate('id', event.date)}`],
      ['Waktu', ': pukul 08.00 WITA s.d. selesai'],
      ['Tempat', `: ${event.venue}`],
      ['Kabupaten/Kota', `: ${r.name}`],
    ]);
    const rows = people.map((p, i) => {
      const n = i + 1;
      return [String(n), p.name, p.nib ?? '', p.business, r.name, localPhone(p.phone) ?? '', { text: `${n}. ...........`, align: n % 2 === 1 ? 'left' : 'right' } as const];
    });
    pdf.table(COLUMNS, rows, { minRowHeight: 9 });
    pdf.paragraph(`Jumlah hadir: ${people.length} orang`);
    pdf.signers(null, signatoryBlock([placeAndDate(event), 'Mengetahui,'], '', signer));
  }
  if (sections.length === 0) {
    pdf.kop();
    pdf.title('DAFTAR HADIR');
    pdf.paragraph('Belum ada peserta yang hadir.');
  }
  return pdf.finish();
}
