import { cpSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import QRCode from 'qrcode';
import { chromium } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BADGE_LAYOUTS, type BadgeLayout } from '../../shared/api';
import { renderBadgeDocument } from '../../shared/badge/badge-html';
import { LAYOUTS } from '../../shared/badge/layouts';
import { badgesPdf } from '../../electron/core/badges/badge-pdf';
import type { PdfBadge } from '../../electron/core/badges/badge-face';
import { invitationFileName, writeInvitations } from '../../electron/core/badges/invitations';
import { badgeKeys, signBadge } from '../../electron/core/badges/signing';
import { generateParticipants } from '../../electron/core/demo/participants';
import { Desk } from '../../electron/core/desk';
import { badgeOrder, batchBadges } from '../../electron/core/services/badge-service';
import { checkIn } from '../../electron/core/services/checkin-service';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { pdfText, pdfWords, type PdfWord } from '../helpers/pdf';
import { jsqrCells, rasterize, zbarCodes } from '../helpers/qr-decode';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** Five people, so the A4 sheet has a last page with one badge; names in Latin with diacritics and in Arabic script. */
const PEOPLE = [
  person({ nib: '0123456789012', name: "Siti Nur'aini — Warung Bu Ani", business: 'Kue Lapis Légit', regency: '63.71' }),
  person({ nib: '0000000000017', name: 'محمد عبد الله', business: 'Toko بركة', regency: '63.71' }),
  person({
    nib: '0000000000024',
    name: 'Hj. Gusti Rabiatul Adawiyah Nur’aini Mulyani Syahrani binti H. Abdurrahman',
    business: 'Usaha Mikro Olahan Kue Basah dan Kering Tradisional Banjar Sarigading Berkah',
    regency: '63.08',
  }),
  person({ nib: '0000000000031', name: 'Ṣāliḥ Ḥusain', business: 'Dodol Kandangan', regency: '63.06' }),
  person({ nib: '0000000000048', name: 'Ahmad Fauzi', business: 'Kerupuk Haruan', regency: '63.72' }),
];

const pdfOf = (file: { contentBase64: string }) => new Uint8Array(Buffer.from(file.contentBase64, 'base64'));
/** The text a reader copies from one badge, without the direction marks poppler puts around right-to-left words. */
function copied(pdf: Uint8Array, layout: BadgeLayout, index: number): string {
  const spec = LAYOUTS[layout];
  const perPage = spec.columns * spec.rows;
  const cell = index % perPage;
  const area = { page: Math.floor(index / perPage) + 1, x: (cell % spec.columns) * spec.badge.w, y: Math.floor(cell / spec.columns) * spec.badge.h, w: spec.badge.w, h: spec.badge.h };
  return pdfText(pdf, 'layout', area).replace(/[\u202a-\u202e]/g, '').replace(/\s+/g, ' ');
}

afterEach(() => vi.useRealTimers());

describe('batch badges, drawn in Node', () => {
  it('every layout: each QR code on the 150 dpi raster reads the same with ZBar and jsQR, and checks its participant in', async () => {
    const desk = openEventDesk(tempDir(), PEOPLE);
    const keys = badgeKeys(desk.secret, desk.requireEvent().eventId);
    const order = badgeOrder(desk.view.all());
    const expected = order.map((p) => signBadge(keys, p.id));
    const owner = new Map(order.map((p, i) => [expected[i]!, p.id]));
    const seen = new Set<string>();
    for (const layout of BADGE_LAYOUTS) {
      const spec = LAYOUTS[layout];
      const perPage = spec.columns * spec.rows;
      const pdf = pdfOf(await batchBadges(desk, { layout }, 'Rina'));
      const pages = rasterize(pdf, tempDir());
      expect(pages, layout).toHaveLength(Math.ceil(PEOPLE.length / perPage));
      const byZbar: string[] = [];
      const byJsqr: string[] = [];
      for (const page of pages) {
        // ZBar reports a sheet's codes in its own order; jsQR reads cell by cell.
        const onPage = expected.slice(byJsqr.length, byJsqr.length + perPage);
        expect(zbarCodes(page).sort(), `${layout} ${page}`).toEqual([...onPage].sort());
        byZbar.push(...onPage);
        byJsqr.push(...jsqrCells(page, spec.columns, spec.rows).flatMap((hit) => (hit ? [hit.data] : [])));
      }
      expect(byJsqr, layout).toEqual(expected);
      expect(byZbar, layout).toEqual(expected);
      for (const code of byJsqr) {
        const outcome = checkIn(desk, { code }, 'Rina');
        expect(outcome.participant.id).toBe(owner.get(code));
        expect(outcome.status).toBe(seen.has(code) ? 'already_present' : 'checked_in');
        seen.add(code);
      }
      order.forEach((p, i) => {
        const text = copied(pdf, layout, i);
        expect(text, layout).toContain(p.name);
        expect(text, layout).toContain(p.business);
      });
    }
    expect(seen.size).toBe(PEOPLE.length);
    desk.close();
  });

  it('gives the same bytes for the same badges, whatever the clock says', async () => {
    const dir = tempDir();
    openEventDesk(dir, PEOPLE).close();
    const copy = tempDir();
    cpSync(dir, copy, { recursive: true });
    const batchAt = async (folder: string, iso: string) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(iso));
      const desk = Desk.open(folder);
      const pdf = pdfOf(await batchBadges(desk, { layout: 'a4' }, 'Rina'));
      desk.close();
      return pdf;
    };
    const first = await batchAt(dir, '2024-05-20T08:00:00Z');
    const second = await batchAt(copy, '2024-05-21T09:30:00Z');
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('a regency with nobody on the list still gives a PDF, of one blank page', async () => {
    const desk = openEventDesk(tempDir(), PEOPLE);
    const batch = await batchBadges(desk, { layout: 'a6', regency: '63.10' }, 'Rina');
    expect(batch.count).toBe(0);
    const pages = rasterize(pdfOf(batch), tempDir());
    expect(pages).toHaveLength(1);
    expect(zbarCodes(pages[0]!)).toEqual([]);
    desk.close();
  });
});

describe('long names on every layout', () => {
  const people = generateParticipants(3000, 5);
  const longest = (key: 'name' | 'business') => [...people].sort((a, b) => b[key].length - a[key].length)[0]![key];
  const CODE = `LK1${'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(4).slice(0, 127)}`;
  const SHORT = { name: 'Siti Aminah', business: 'Amplang Bu Siti' };
  const LONG = { name: 'Hj. Gusti Rabiatul Adawiyah Nur’aini Mulyani Syahrani binti H. Abdurrahman', business: 'Usaha Mikro Olahan Kue Basah dan Kering Tradisional Banjar Sarigading Berkah' };
  const cases = [
    SHORT,
    LONG,
    { name: longest('name'), business: longest('business') },
    { name: 'MUHAMMADFATHURRAHMANZULKIFLIRAMADHANI', business: 'X' },
    // Longer than any badge holds: cut short of the QR code rather than drawn over it.
    { name: 'Siti Rahmah binti Abdullah '.repeat(80).trim(), business: 'Warung Makan Khas Banjar '.repeat(15).trim() },
  ];
  const TOO_LONG = cases.length - 1;
  const badges: PdfBadge[] = cases.map((c) => ({ ...c, regency: 'Kabupaten Hulu Sungai Selatan', number: 'ABCD-EFGH', role: 'Peserta', code: CODE }));
  const header = { event: 'Percepatan Fasilitasi 1000 Sertifikasi Halal Self Declare Provinsi Kalimantan Selatan', date: 'Selasa, 21 Mei 2024' };

  it.each(BADGE_LAYOUTS)('%s: the text stays inside the badge and off the QR code, which keeps its size and decodes', async (layout: BadgeLayout) => {
    const spec = LAYOUTS[layout];
    const perPage = spec.columns * spec.rows;
    const pdf = await badgesPdf(badges, header, layout, { lang: 'id', stamp: new Date('2024-05-21T00:00:00Z') });
    const pages = rasterize(pdf, tempDir()).map((png) => ({ zbar: zbarCodes(png), cells: jsqrCells(png, spec.columns, spec.rows) }));
    const words = pdfWords(pdf);
    const module = spec.qr / 45; // 41 modules and a quiet zone of 2 each side
    const mm = (px: number) => (px * 25.4) / 150;

    badges.forEach((badge, i) => {
      const page = Math.floor(i / perPage);
      const cell = i % perPage;
      const left = (cell % spec.columns) * spec.badge.w;
      const top = Math.floor(cell / spec.columns) * spec.badge.h;
      const hit = pages[page]!.cells[cell];
      expect(hit?.data, `${layout} badge ${i}`).toBe(CODE);
      expect(pages[page]!.zbar.filter((code) => code === CODE)).toHaveLength(Math.min(perPage, badges.length - page * perPage));
      const { topLeftCorner: tl, topRightCorner: tr, bottomLeftCorner: bl } = hit!.location;
      expect(mm(Math.hypot(tr.x - tl.x, tr.y - tl.y))).toBeCloseTo(41 * module, 0);
      expect(mm(Math.hypot(bl.x - tl.x, bl.y - tl.y))).toBeCloseTo(41 * module, 0);
      // The code with its quiet zone, on the page.
      const qr = { x0: left + mm(tl.x) - 2 * module, y0: top + mm(tl.y) - 2 * module, x1: left + mm(tr.x) + 2 * module, y1: top + mm(bl.y) + 2 * module };

      const inCell = (w: PdfWord) => w.page === page + 1 && w.x0 >= left - 1 && w.x0 < left + spec.badge.w - 1 && w.y0 >= top - 1 && w.y0 < top + spec.badge.h - 1;
      const drawn = words.filter(inCell);
      const cut = i === TOO_LONG ? new Set(`${badge.name} ${badge.business} ${badge.regency}`.split(' ')) : new Set<string>();
      const checked = drawn.filter((w) => !cut.has(w.text));
      expect(checked.map((w) => w.text)).toContain('ABCD-EFGH');
      const slack = 0.3;
      for (const w of checked) {
        const where = `${layout} badge ${i} "${w.text}"`;
        expect(w.x0, where).toBeGreaterThanOrEqual(left + spec.padding - slack);
        expect(w.x1, where).toBeLessThanOrEqual(left + spec.badge.w - spec.padding + slack);
        expect(w.y0, where).toBeGreaterThanOrEqual(top + spec.padding - slack);
        expect(w.y1, where).toBeLessThanOrEqual(top + spec.badge.h - spec.padding + slack);
        const overlaps = w.x0 < qr.x1 && w.x1 > qr.x0 && w.y0 < qr.y1 && w.y1 > qr.y0;
        expect(overlaps, `${where} overlaps the QR code`).toBe(false);
      }
    });
  });

  it('on the 58 mm roll a long name is set smaller than a short one, on more than one line', async () => {
    const pdf = await badgesPdf(badges.slice(0, 2), header, 'thermal58', { lang: 'id', stamp: new Date('2024-05-21T00:00:00Z') });
    const words = pdfWords(pdf);
    // The name comes right after the role, in reading order.
    const nameWords = (page: number, name: string) => {
      const onPage = words.filter((w) => w.page === page);
      const start = onPage.findIndex((w) => w.text === 'PESERTA') + 1;
      const found = onPage.slice(start, start + name.split(' ').length);
      expect(found.map((w) => w.text).join(' ')).toBe(name);
      return found;
    };
    const short = nameWords(1, SHORT.name);
    const long = nameWords(2, LONG.name);
    const height = (w: PdfWord) => w.y1 - w.y0;
    expect(Math.max(...long.map(height))).toBeLessThan(Math.min(...short.map(height)));
    expect(new Set(long.map((w) => w.y0.toFixed(1))).size).toBeGreaterThan(1);
  });
});

describe('the HTML badge the desk prints', () => {
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

describe('PNG invitations', () => {
  it('one per participant, named by NIB and name, its QR code read by ZBar and jsQR as the signed code', async () => {
    const desk = openEventDesk(tempDir(), PEOPLE);
    const keys = badgeKeys(desk.secret, desk.requireEvent().eventId);
    const order = badgeOrder(desk.view.all());
    const files = await writeInvitations(desk, tempDir());
    expect(files.map((f) => basename(f))).toEqual(order.map((p) => invitationFileName(p.nib, p.name, p.id)));
    files.forEach((file, i) => {
      const code = signBadge(keys, order[i]!.id);
      expect(zbarCodes(file)).toEqual([code]);
      expect(jsqrCells(file, 1, 1)[0]?.data).toBe(code);
    });
    desk.close();
  });
});

describe('loket badges', () => {
  beforeAll(requireBuild);

  it('round trip: batch PDF → 150 dpi raster → codes read by ZBar and jsQR → check-in; forged codes refused', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--data', dir, '--demo'])).code).toBe(0);
    const pdf = join(dir, 'kartu.pdf');
    const made = await runCli(['badges', '--data', dir, '--out', pdf, '--regency', '63.72', '--layout', 'a4', '--json']);
    expect(made.code).toBe(0);
    const count = (made.json as { badges: number }).badges;
    expect(count).toBeGreaterThan(100);
    const bytes = readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const pages = rasterize(bytes, tempDir(), 150, { first: 1, last: 2 });
    expect(pages).toHaveLength(2);
    const codes = pages.flatMap((f) => jsqrCells(f, 2, 2).flatMap((hit) => (hit ? [hit.data] : [])));
    expect(codes).toHaveLength(8);
    expect(new Set(codes).size).toBe(8);
    expect(pages.flatMap(zbarCodes).sort()).toEqual([...codes].sort());

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
  }, 120_000);
});
