import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { escapeHtml } from '../../../shared/badge/badge-html';
import { regencyByCode } from '../../../shared/domain/regency';
import { formatIsoDate, t } from '../../../shared/i18n';
import type { Desk } from '../desk';
import { withHeadlessPage } from '../platform/headless-chromium';
import { badgeOrder, participantNumber } from '../services/badge-service';
import { badgeKeys, signBadge } from './signing';

/** "1234567890123_Siti_Aminah.png": the NIB first so files sort and match the list; no characters a phone or Windows rejects. */
export function invitationFileName(nib: string | null, name: string, id: string): string {
  const safe = name.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '_').slice(0, 60);
  return `${nib ?? participantNumber(id)}_${safe || 'peserta'}.png`;
}

/**
 * One PNG per participant, to send ahead by WhatsApp: the signed QR code with the name, business
 * and event, rendered by headless Chromium from one page, one screenshot per invitation.
 */
export async function writeInvitations(desk: Desk, outDir: string, regency?: string): Promise<string[]> {
  const event = desk.requireEvent();
  const keys = badgeKeys(desk.secret, event.eventId);
  const people = badgeOrder(desk.view.all(), regency);
  const cards: string[] = [];
  for (const p of people) {
    const svg = await QRCode.toString(signBadge(keys, p.id), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    cards.push(`<div class="card"><h1>${escapeHtml(event.name)}</h1><p class="date">${escapeHtml(formatIsoDate(desk.lang, event.date))} · ${escapeHtml(event.venue)}</p>
<div class="qr">${svg}</div><p class="name">${escapeHtml(p.name)}</p><p>${escapeHtml(p.business)}</p>
<p>${escapeHtml(p.regency ? (regencyByCode(p.regency)?.name ?? '') : '')} · ${participantNumber(p.id)}</p><p class="hint">${escapeHtml(t(desk.lang, 'badge.invitationHint'))}</p></div>`);
  }
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:0;font-family:"DejaVu Sans",Arial,sans-serif;background:#fff}
.card{width:540px;padding:28px;box-sizing:border-box;text-align:center;border-bottom:1px solid #fff}
h1{font-size:22px;margin:0 0 6px}.date{margin:0 0 12px;color:#333}.qr svg{width:380px;height:380px}
.name{font-size:26px;font-weight:700;margin:10px 0 4px;overflow-wrap:anywhere}p{margin:4px 0;font-size:18px}.hint{color:#444;font-size:15px;margin-top:12px}
</style></head><body>${cards.join('\n')}</body></html>`;
  await mkdir(outDir, { recursive: true });
  return withHeadlessPage(async (page) => {
    await page.setViewportSize({ width: 540, height: 900 });
    await page.setContent(html, { waitUntil: 'load' });
    const files: string[] = [];
    const cardsOnPage = page.locator('.card');
    for (let i = 0; i < people.length; i++) {
      const p = people[i]!;
      const file = join(outDir, invitationFileName(p.nib, p.name, p.id));
      await writeFile(file, await cardsOnPage.nth(i).screenshot());
      files.push(file);
    }
    return files;
  });
}
