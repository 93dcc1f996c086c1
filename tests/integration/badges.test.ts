import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderBadgeDocument } from '../../shared/badge/badge-html';
import { LAYOUTS } from '../../shared/badge/layouts';
import { generateParticipants } from '../../electron/core/demo/participants';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';
import QRCode from 'qrcode';

const tempDir = useTempDirs();

/** Decode the QR code in each cell of a page laid out in `columns` × `rows`. */
function decodeCells(file: string, columns: number, rows: number): string[] {
  const page = PNG.sync.read(readFileSync(file));
  const cw = Math.floor(page.width / columns);
  const ch = Math.floor(page.height / rows);
  const found: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const cell = new PNG({ width: cw, height: ch });
      PNG.bitblt(page, cell, c * cw, r * ch, cw, ch, 0, 0);
      const hit = jsQR(new Uint8ClampedArray(cell.data), cw, ch);
      if (hit) found.push(hit.data);
    }
  }
  return found;
}

describe('badges', () => {
  beforeAll(requireBuild);

  it('round trip: batch PDF in Chromium → raster → decoded QR codes → check-in; forged codes refused', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--data', dir, '--demo'])).code).toBe(0);
    const pdf = join(dir, 'kartu.pdf');
    const made = await runCli(['badges', '--data', dir, '--out', pdf, '--regency', '63.72', '--layout', 'a4', '--json']);
    expect(made.code).toBe(0);
    const count = (made.json as { badges: number }).badges;
    expect(count).toBeGreaterThan(100);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

    execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '2', '-png', pdf, join(dir, 'page')]);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort();
    expect(pages).toHaveLength(2);
    const codes = pages.flatMap((f) => decodeCells(join(dir, f), 2, 2));
    expect(codes).toHaveLength(8);
    expect(new Set(codes).size).toBe(8);

    for (const code of codes.slice(0, 4)) {
      const res = await runCli(['checkin', '--data', dir, '--qr', code, '--json']);
      expect(res.json).toMatchObject({ status: 'checked_in', participant: { regency: '63.72', checkin: { via: 'qr' } } });
    }
    expect((await runCli(['checkin', '--data', dir, '--qr', codes[0]!, '--json'])).json).toMatchObject({ status: 'already_present' });

    const forged = `${codes[5]!.slice(0, 20)}${codes[6]!.slice(20)}`;
    const refused = await runCli(['checkin', '--data', dir, '--qr', forged, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.json).toMatchObject({ error: { code: 'qr_forged' } });
    expect((await runCli(['checkin', '--data', dir, '--qr', codes[7]!.slice(0, 90)])).code).toBe(1);
    const status = (await runCli(['status', '--data', dir, '--json'])).json as { checkedIn: number };
    expect(status.checkedIn).toBe(4);
  }, 180_000);

  it('fits the longest names on the 58 mm receipt without overflow, and never shrinks the QR code', async () => {
    const people = generateParticipants(3000, 5);
    const longest = (key: 'name' | 'business') => [...people].sort((a, b) => b[key].length - a[key].length)[0]![key];
    const cases = [
      { name: longest('name'), business: longest('business') },
      { name: 'Hj. Gusti Rabiatul Adawiyah Nur’aini Mulyani Syahrani binti H. Abdurrahman', business: 'Usaha Mikro Olahan Kue Basah dan Kering Tradisional Banjar Sarigading Berkah' },
      { name: 'MUHAMMADFATHURRAHMANZULKIFLIRAMADHANI', business: 'X' },
    ];
    const qrSvg = await QRCode.toString(`LK1${'A'.repeat(127)}`, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const html = renderBadgeDocument(
      cases.map((c) => ({ ...c, regency: 'Kabupaten Hulu Sungai Selatan', number: 'ABCD-EFGH', role: 'Peserta', qrSvg })),
      { event: 'Percepatan Fasilitasi 1000 Sertifikasi Halal Self Declare Provinsi Kalimantan Selatan', date: 'Selasa, 21 Mei 2024' },
      'thermal58',
      'id',
    );
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.setContent(html);
      // A string, so this Node-typed file needs no DOM types.
      const report = await page.evaluate<{ inside: boolean; qrMm: number; badgeMm: number }[]>(`(() => {
        const mm = (px) => (px * 25.4) / 96;
        return [...document.querySelectorAll('.badge')].map((badge) => {
          const box = badge.getBoundingClientRect();
          const inside = [...badge.querySelectorAll('.event, .role, .name, .business, .regency, .qr, .number')].every((el) => {
            const r = el.getBoundingClientRect();
            return r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && el.scrollWidth <= el.clientWidth + 1;
          });
          const qr = badge.querySelector('.qr svg').getBoundingClientRect();
          return { inside, qrMm: mm(qr.width), badgeMm: mm(box.width) };
        });
      })()`);
      for (const r of report) {
        expect(r.inside).toBe(true);
        expect(r.qrMm).toBeCloseTo(LAYOUTS.thermal58.qr, 0);
        expect(r.badgeMm).toBeCloseTo(58, 0);
      }
    } finally {
      await browser.close();
    }
  });
});
