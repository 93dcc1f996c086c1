import { hlcWall } from '../../../../shared/hlc';
import { witaClock } from '../cells';
import type { HandoverLine, ReportData } from '../report-data';
import type { Cell, Column } from './layout/grid';
import { ReportPdf } from './layout/report-pdf';
import { regencySections } from './regency-sections';
import { placeAndDate, signatories, signatoryBlock } from './signatories';
import { dateInWords, terbilang } from './terbilang';

const TITLE = 'BERITA ACARA SERAH TERIMA SERTIFIKAT HALAL';

/** Names wide enough for most on one line, the numbers as wide as they are, Nama Usaha the rest. */
const LAMPIRAN: Column[] = [
  { header: 'No', width: 7, align: 'right', keep: true },
  { header: 'Nama Pelaku Usaha', width: 24 },
  { header: 'NIB', width: 'fit', keep: true },
  { header: 'Nama Usaha' },
  { header: 'Nomor Sertifikat Halal', width: 'fit', keep: true },
  { header: 'Penerima', width: 24 },
  { header: 'Keterangan', width: 17 },
  { header: 'Waktu (WITA)', width: 12, keep: true },
  { header: 'Tanda Tangan', width: 26 },
];

function lampiranRow({ certificate, participant, handover: h }: HandoverLine, i: number): Cell[] {
  const who = h.recipient.kind === 'owner' ? 'Langsung' : `Diwakilkan${h.recipient.relationship ? ` (${h.recipient.relationship})` : ''}${h.recipient.letterShown ? ', surat kuasa' : ''}`;
  return [String(i + 1), participant?.name ?? '', participant?.nib ?? '', participant?.business ?? '', certificate.number, h.recipient.name, who, witaClock(hlcWall(h.hlc)), { signature: h.signature }];
}

/**
 * The Berita Acara Serah Terima Sertifikat Halal: one collective BAST per kabupaten/kota with its
 * Lampiran Daftar Penerima (domain.md §4), carrying the signatures drawn at the desk.
 */
export function bastPdf(data: ReportData, stamp: Date): Promise<Uint8Array> {
  const { event } = data;
  const [first, ...witnesses] = signatories(event);
  const year = event.date.slice(0, 4);
  const pdf = new ReportPdf({ title: 'Berita Acara Serah Terima Sertifikat Halal', stamp });
  const sections = regencySections(data.regencies, data.handovers, (line) => line.participant?.regency);
  for (const { regency: r, items: lines } of sections) {
    const owner = lines.filter((l) => l.handover.recipient.kind === 'owner').length;
    const represented = lines.length - owner;
    pdf.section();
    pdf.kop();
    pdf.title(TITLE);
    pdf.subtitle(`Nomor: ........../BAST-SH/${r.code || '-'}/${year}`);
    pdf.paragraph(`Pada hari ini ${dateInWords(event.date)}, kami yang bertanda tangan di bawah ini:`);
    pdf.info([
      ['1.', 'Nama', `: ${first.name}`],
      ['', 'NIP', `: ${first.nip}`],
      ['', 'Jabatan', `: ${first.position}`],
    ]);
    pdf.paragraph([{ text: 'selanjutnya disebut ' }, { text: 'PIHAK PERTAMA', font: 'bold' }, { text: '.' }]);
    pdf.info([['2.', `Para Pelaku Usaha dari ${r.name} sebagaimana tercantum dalam Lampiran Daftar Penerima, atau penerima kuasanya,`]]);
    pdf.paragraph([{ text: 'selanjutnya disebut ' }, { text: 'PIHAK KEDUA', font: 'bold' }, { text: '.' }]);
    pdf.paragraph(
      `PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA sebanyak ${lines.length} (${terbilang(lines.length)}) Sertifikat Halal dalam kegiatan ${event.name} di ${event.venue}, terdiri atas ${owner} (${terbilang(owner)}) diterima langsung dan ${represented} (${terbilang(represented)}) diterima penerima kuasa, dengan nomor sertifikat sebagaimana tercantum dalam Lampiran.`,
    );
    pdf.paragraph('Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.');
    pdf.paragraph(placeAndDate(event), 'right');
    pdf.signers({ above: ['Yang Menerima,', [{ text: 'PIHAK KEDUA', font: 'bold' }]], below: ['(para penerima, lihat Lampiran)'] }, signatoryBlock(['Yang Menyerahkan,'], 'PIHAK PERTAMA', first));
    // Witnesses sign two to a row, as the form leaves room for.
    const witness = (w: (typeof witnesses)[number] | undefined) => (w ? signatoryBlock(['Mengetahui,'], '', w) : null);
    for (let i = 0; i < witnesses.length; i += 2) pdf.signers(witness(witnesses[i]), witness(witnesses[i + 1]));

    pdf.section();
    pdf.title(`LAMPIRAN ${TITLE}`);
    pdf.subtitle(`Daftar Penerima — ${r.name}`);
    pdf.table(LAMPIRAN, lines.map(lampiranRow), { size: 7.5 });
    pdf.paragraph(`Jumlah: ${lines.length} sertifikat`);
  }
  if (sections.length === 0) {
    pdf.kop();
    pdf.title(TITLE);
    pdf.paragraph('Belum ada sertifikat yang diserahkan.');
  }
  return pdf.finish();
}
