import { formatIsoDate, formatNumber } from '../../../../shared/i18n';
import { privacyNotice } from '../../../../shared/privacy-notice';
import { witaText } from '../cells';
import type { Completeness } from '../completeness';
import type { EventConfig } from '../../../../shared/fold';
import { esc, KOP, page } from './page';

export interface SummaryInput {
  event: EventConfig;
  deskName: string;
  digest: string;
  eventCount: number;
  completeness: Completeness;
  files: { name: string; sha256: string }[];
}

/** The data-processing notice travels with the personal data it is about. */
function noticeHtml(event: EventConfig): string {
  const notice = privacyNotice('id', { eventName: event.name, retentionDate: event.retentionDate ?? null });
  return `<h2>${esc(notice.title)}</h2><ul>${notice.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
}

/**
 * The printed summary: whether the export is complete, the digest of the event log, each desk's
 * last event included and the SHA-256 of every file, so the paper copy can vouch for the files.
 */
export function summaryHtml(s: SummaryInput): string {
  const c = s.completeness;
  const warnings = c.warnings.length ? `<div class="warning"><p>${esc(c.statement)}</p><ul>${c.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></div>` : `<p><b>${esc(c.statement)}</b></p>`;
  const desks = c.desks
    .map((d) => `<tr><td>${esc(d.name)}</td><td><code>${esc(d.desk)}</code></td><td class="num">${formatNumber('id', d.lastSeq)}</td><td><code>${esc(d.lastEventId ?? '-')}</code></td><td>${d.lastEventAt ? `${witaText(d.lastEventAt)} WITA` : '-'}</td></tr>`)
    .join('');
  const files = s.files.map((f) => `<tr><td>${esc(f.name)}</td><td><code>${f.sha256}</code></td></tr>`).join('');
  const body = `${KOP}<h1>RINGKASAN EKSPOR LAPORAN HARIAN</h1><p class="number">${esc(s.event.name)} · ${esc(formatIsoDate('id', s.event.date))}</p>
<table class="info"><tr><td>Diekspor dari</td><td>: ${esc(s.deskName)}</td></tr><tr><td>Jumlah peristiwa</td><td>: ${formatNumber('id', s.eventCount)}</td></tr><tr><td>Digest log peristiwa</td><td>: <code>${esc(s.digest)}</code></td></tr></table>
${warnings}
<h2>Peristiwa terakhir yang dimuat per meja</h2><table class="grid"><thead><tr><th>Meja</th><th>ID Meja</th><th>Urutan terakhir</th><th>Peristiwa terakhir</th><th>Waktu</th></tr></thead><tbody>${desks}</tbody></table>
<h2>SHA-256 berkas</h2><table class="grid"><thead><tr><th>Berkas</th><th>SHA-256</th></tr></thead><tbody>${files}</tbody></table>
${noticeHtml(s.event)}`;
  return page('Ringkasan Ekspor', body);
}
