import { formatIsoDate } from '../../../../shared/i18n';
import { localPhone } from '../participant-fields';
import type { ReportData } from '../report-data';
import { esc, KOP, page, place, signatories, signatureBlock } from './page';

/**
 * The paper Daftar Hadir, one section per kabupaten/kota, for the files. The signature column is
 * staggered as on the Dinas's forms: odd rows sign on the left ("1. ....."), even rows on the right.
 */
export function attendanceHtml(data: ReportData): string {
  const { event } = data;
  const [signer] = signatories(event);
  const day = formatIsoDate('id', event.date);
  const groups = data.regencies.map((r) => ({ r, people: data.present.filter((p) => (p.regency ?? '') === r.code) })).filter((g) => g.people.length > 0);
  const sections = groups.map(({ r, people }) => {
    const rows = people
      .map((p, i) => {
        const n = i + 1;
        const side = n % 2 === 1 ? 'odd' : 'even';
        return `<tr><td class="num">${n}</td><td>${esc(p.name)}</td><td class="id">${esc(p.nib ?? '')}</td><td>${esc(p.business)}</td><td>${esc(r.name)}</td><td class="id">${esc(localPhone(p.phone) ?? '')}</td><td class="sig ${side}">${n}. ...........</td></tr>`;
      })
      .join('');
    return `<section class="section">${KOP}<h1>DAFTAR HADIR</h1>
<table class="info"><tr><td>Kegiatan</td><td>: ${esc(event.name)}</td></tr><tr><td>Hari/Tanggal</td><td>: ${esc(day)}</td></tr>
<tr><td>Waktu</td><td>: pukul 08.00 WITA s.d. selesai</td></tr><tr><td>Tempat</td><td>: ${esc(event.venue)}</td></tr><tr><td>Kabupaten/Kota</td><td>: ${esc(r.name)}</td></tr></table>
<table class="grid"><colgroup><col style="width:7mm"><col style="width:38mm"><col><col style="width:36mm"><col style="width:28mm"><col><col style="width:28mm"></colgroup><thead><tr><th>No</th><th>Nama Pelaku Usaha</th><th>NIB</th><th>Nama Usaha</th><th>Kabupaten/Kota</th><th>No. HP</th><th>Tanda Tangan</th></tr></thead><tbody>${rows}</tbody></table>
<p>Jumlah hadir: ${people.length} orang</p>
<div class="signers"><div class="signer"></div>${signatureBlock(`${esc(place(event))}, ${esc(formatIsoDate('id', event.date).split(', ')[1] ?? event.date)}<br>Mengetahui,`, '', signer)}</div></section>`;
  });
  const body = sections.length ? sections.join('') : `<section class="section">${KOP}<h1>DAFTAR HADIR</h1><p>Belum ada peserta yang hadir.</p></section>`;
  return page('Daftar Hadir', body);
}
