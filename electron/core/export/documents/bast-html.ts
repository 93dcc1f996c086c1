import { formatIsoDate } from '../../../../shared/i18n';
import { hlcWall } from '../../../../shared/hlc';
import { witaClock } from '../cells';
import type { HandoverLine, ReportData } from '../report-data';
import { esc, KOP, page, place, signatories, signatureBlock } from './page';
import { dateInWords, terbilang } from './terbilang';

function signature(path: string | null): string {
  return path ? `<svg viewBox="0 0 1000 400"><path d="${esc(path)}" fill="none" stroke="#000" stroke-width="14" stroke-linecap="round" stroke-linejoin="round"/></svg>` : '';
}

/**
 * The Berita Acara Serah Terima Sertifikat Halal: one collective BAST per kabupaten/kota with its
 * Lampiran Daftar Penerima (domain.md §4), carrying the signatures drawn at the desk.
 */
export function bastHtml(data: ReportData): string {
  const { event } = data;
  const [first, ...witnesses] = signatories(event);
  const year = event.date.slice(0, 4);
  const byRegency = new Map<string, HandoverLine[]>();
  for (const line of data.handovers) {
    const code = line.participant?.regency ?? '';
    const group = byRegency.get(code);
    if (group) group.push(line);
    else byRegency.set(code, [line]);
  }
  const sections = data.regencies
    .filter((r) => byRegency.has(r.code))
    .map((r) => {
      const lines = byRegency.get(r.code)!;
      const owner = lines.filter((l) => l.handover.recipient.kind === 'owner').length;
      const represented = lines.length - owner;
      const rows = lines
        .map(({ certificate, participant, handover: h }, i) => {
          const who = h.recipient.kind === 'owner' ? 'Langsung' : `Diwakilkan${h.recipient.relationship ? ` (${esc(h.recipient.relationship)})` : ''}${h.recipient.letterShown ? ', surat kuasa' : ''}`;
          return `<tr><td class="num">${i + 1}</td><td>${esc(participant?.name ?? '')}</td><td class="id">${esc(participant?.nib ?? '')}</td><td>${esc(participant?.business ?? '')}</td><td class="id">${esc(certificate.number)}</td><td>${esc(h.recipient.name)}</td><td>${who}</td><td>${witaClock(hlcWall(h.hlc))}</td><td class="sig">${signature(h.signature)}</td></tr>`;
        })
        .join('');
      const witnessBlocks = witnesses.length ? `<div class="signers">${witnesses.map((w) => signatureBlock('Mengetahui,', '', w)).join('')}</div>` : '';
      return `<section class="section">${KOP}<h1>BERITA ACARA SERAH TERIMA SERTIFIKAT HALAL</h1><p class="number">Nomor: ........../BAST-SH/${esc(r.code || '-')}/${year}</p>
<p>Pada hari ini ${esc(dateInWords(event.date))}, kami yang bertanda tangan di bawah ini:</p>
<table class="info"><tr><td>1.</td><td>Nama</td><td>: ${esc(first.name)}</td></tr><tr><td></td><td>NIP</td><td>: ${esc(first.nip)}</td></tr><tr><td></td><td>Jabatan</td><td>: ${esc(first.position)}</td></tr></table>
<p>selanjutnya disebut <b>PIHAK PERTAMA</b>.</p>
<table class="info"><tr><td>2.</td><td>Para Pelaku Usaha dari ${esc(r.name)} sebagaimana tercantum dalam Lampiran Daftar Penerima, atau penerima kuasanya,</td></tr></table>
<p>selanjutnya disebut <b>PIHAK KEDUA</b>.</p>
<p>PIHAK PERTAMA menyerahkan kepada PIHAK KEDUA sebanyak ${lines.length} (${terbilang(lines.length)}) Sertifikat Halal dalam kegiatan ${esc(event.name)} di ${esc(event.venue)}, terdiri atas ${owner} (${terbilang(owner)}) diterima langsung dan ${represented} (${terbilang(represented)}) diterima penerima kuasa, dengan nomor sertifikat sebagaimana tercantum dalam Lampiran.</p>
<p>Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.</p>
<p style="text-align:right">${esc(place(event))}, ${esc(formatIsoDate('id', event.date).split(', ')[1] ?? event.date)}</p>
<div class="signers"><div class="signer"><p>Yang Menerima,</p><p><b>PIHAK KEDUA</b></p><div class="space"></div><p>(para penerima, lihat Lampiran)</p></div>${signatureBlock('Yang Menyerahkan,', 'PIHAK PERTAMA', first)}</div>${witnessBlocks}</section>
<section class="section"><h1>LAMPIRAN BERITA ACARA SERAH TERIMA SERTIFIKAT HALAL</h1><p class="number">Daftar Penerima — ${esc(r.name)}</p>
<table class="grid small"><colgroup><col style="width:6mm"><col style="width:30mm"><col><col style="width:26mm"><col><col style="width:28mm"><col style="width:22mm"><col style="width:14mm"><col style="width:28mm"></colgroup><thead><tr><th>No</th><th>Nama Pelaku Usaha</th><th>NIB</th><th>Nama Usaha</th><th>Nomor Sertifikat Halal</th><th>Penerima</th><th>Keterangan</th><th>Waktu (WITA)</th><th>Tanda Tangan</th></tr></thead><tbody>${rows}</tbody></table>
<p>Jumlah: ${lines.length} sertifikat</p></section>`;
    });
  const body = sections.length ? sections.join('') : `<section class="section">${KOP}<h1>BERITA ACARA SERAH TERIMA SERTIFIKAT HALAL</h1><p>Belum ada sertifikat yang diserahkan.</p></section>`;
  return page('Berita Acara Serah Terima Sertifikat Halal', body);
}
