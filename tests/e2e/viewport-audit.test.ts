import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateParticipants } from '../../electron/core/demo/participants';
import { messyLayout, writeLayout } from '../../electron/core/demo/messy-workbook';
import { Desk } from '../../electron/core/desk';
import { startServer as startInProcess, type RunningServer } from '../../electron/core/server/http-server';
import type { CertificateState } from '../../shared/fold-certificate';
import type { ParticipantState } from '../../shared/fold';
import { projectRoot } from '../helpers/built-core';
import { CHROMIUM, CHROMIUM_ARGS, openOrganizerScreen, waitFocus } from '../helpers/e2e';
import { useTempDirs } from '../helpers/temp-dir';
import { demoDay, wita } from './dashboard-demo-day';

/**
 * Every screen of the desk at the window sizes of the laptops and projectors a Dinas lends for the
 * day: no horizontal overflow, the navigation on one row with the event's name whole, and each
 * screen's key elements (named per screen below) inside the window without scrolling. One browser,
 * one page per size, one served demo desk (10.40 WITA on the event day). Ends with the screenshots
 * in docs/ at 1366×768 (the laptop most desks get), the dashboard's at full length and 1920×1080
 * (the kiosk's and the badge's are taken by badges.test.ts, after a scan and a print).
 */

const PIN = '12345678';
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const tempDir = useTempDirs();

/** What is wrong with one screen at one size, in words a reader of the failure understands. */
type Finding = string;

/**
 * Runs in the page: for each selector, whether its element is inside the window and not clipped by
 * a scrolling or clipping ancestor (so it is seen without scrolling), and the page's own overflow.
 */
const MEASURE = `(selectors) => {
  const within = (r, box) => r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
  const view = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  const problems = [];
  for (const selector of selectors) {
    const el = document.querySelector(selector);
    if (!el) { problems.push(selector + ': missing'); continue; }
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) { problems.push(selector + ': not rendered'); continue; }
    if (!within(r, view)) { problems.push(selector + ': outside the window ' + JSON.stringify([Math.round(r.left), Math.round(r.top), Math.round(r.right), Math.round(r.bottom)])); continue; }
    // Each clipping ancestor up to the first fixed-position box (the ones above it do not clip it).
    for (let node = el; node && getComputedStyle(node).position !== 'fixed'; ) {
      const a = node.parentElement;
      if (!a) break;
      const s = getComputedStyle(a);
      if ((s.overflowX !== 'visible' || s.overflowY !== 'visible') && !within(r, a.getBoundingClientRect())) {
        problems.push(selector + ': cut off by ' + a.tagName.toLowerCase() + '.' + [...a.classList].join('.'));
        break;
      }
      node = a;
    }
  }
  const root = document.documentElement;
  if (root.scrollWidth > innerWidth) problems.push('page scrolls sideways: ' + root.scrollWidth + ' px wide');
  for (const el of document.querySelectorAll('main, nav, header, section')) {
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') problems.push(el.tagName.toLowerCase() + '.' + [...el.classList].join('.') + ' scrolls sideways: ' + el.scrollWidth + ' > ' + el.clientWidth);
  }
  return problems;
}`;

const byTestId = (id: string) => `[data-testid="${id}"]`;

async function check(page: Page, findings: Finding[], screen: string, selectors: string[]): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const problems = await page.evaluate<string[]>(`(${MEASURE})(${JSON.stringify(selectors)})`);
  for (const p of problems) findings.push(`${width}×${height} ${screen}: ${p}`);
}

/** The navigation is one row and the event's name is shown whole (no ellipsis, no hidden line). */
async function checkChrome(page: Page, findings: Finding[], lang = ''): Promise<void> {
  const { width, height } = page.viewportSize()!;
  const at = `${width}×${height}${lang}`;
  const chrome = await page.evaluate<{ rows: number; nameCut: boolean }>(`(() => {
    const tops = new Set([...document.querySelectorAll('nav.nav > button, nav.nav > .organizer > button')].map((b) => Math.round(b.getBoundingClientRect().top)));
    const name = document.querySelector('[data-testid="event-name"]');
    return { rows: tops.size, nameCut: !name || name.scrollWidth > name.clientWidth + 1 || name.scrollHeight > name.clientHeight + 1 };
  })()`);
  if (chrome.rows !== 1) findings.push(`${at} navigation: ${chrome.rows} rows`);
  if (chrome.nameCut) findings.push(`${at} header: the event's name is cut off`);
}

/** WCAG contrast ratio of two sRGB colours "rgb(r, g, b)". */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** A signature as a hand draws it on the pad. */
async function sign(page: Page): Promise<void> {
  const box = (await page.getByTestId('signature-pad').boundingBox())!;
  const y = box.y + box.height * 0.6;
  await page.mouse.move(box.x + box.width * 0.1, y);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + box.width * (0.1 + i * 0.03), y - Math.sin(i / 2) * box.height * 0.25);
  await page.mouse.up();
}

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(projectRoot, 'docs', name) });
}

describe.skipIf(!existsSync(CHROMIUM))('every screen at 1280×720, 1366×768, 1280×800 and 1920×1080', () => {
  let desk: Desk | undefined;
  let empty: Desk | undefined;
  const servers: RunningServer[] = [];
  let browser: Browser | undefined;

  beforeAll(() => {
    mkdirSync(join(projectRoot, 'docs'), { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    desk?.close();
    empty?.close();
  });

  it('fits, and writes the screenshots in docs/', { timeout: 240_000 }, async () => {
    desk = await demoDay(tempDir());
    empty = Desk.open(tempDir());
    const staticDir = join(projectRoot, 'out', 'renderer');
    const served = await startInProcess({ desk, staticDir, port: 0 });
    const firstRun = await startInProcess({ desk: empty, staticDir, port: 0 });
    servers.push(served, firstRun);

    // People to act on, one set per window size (each size checks someone in).
    const people = [...desk.view.all()];
    const sameName = (p: ParticipantState) => people.filter((q) => q.name === p.name).length > 1;
    const arriving = people.filter((p) => p.checkins.length === 0 && p.business && p.regency && p.nib && sameName(p));
    const present = people.filter((p) => p.checkins.length > 0 && p.nib);
    const certs = [...desk.certificates.all()];
    const handed = certs.filter((c) => c.status === 'diserahkan' && !c.conflict);
    const inBox = certs.filter((c) => c.status === 'tersedia' && desk!.view.get(c.participant)?.nib);
    const notIssued = certs.filter((c) => c.status === 'belum_terbit' && desk!.view.get(c.participant)?.nib);
    expect(arriving.length).toBeGreaterThanOrEqual(SIZES.length);
    expect(notIssued.length).toBeGreaterThanOrEqual(SIZES.length);
    const nibOf = (c: CertificateState) => desk!.view.get(c.participant)!.nib!;

    // A participant list for the import's dry run (nothing is imported).
    const workbook = join(tempDir(), 'Daftar Peserta.xlsx');
    writeFileSync(workbook, await writeLayout(messyLayout(generateParticipants(60, 5), { seed: 5 }).sheets));

    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const findings: Finding[] = [];
    const problems: string[] = [];

    for (const [i, size] of SIZES.entries()) {
      const context = await browser.newContext({ viewport: size, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
      await context.clock.setFixedTime(wita(10, 40));
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      const docs = size.width === 1366;

      // First run: an empty desk asks to create the event or join one.
      await page.goto(firstRun.url);
      await page.locator('#setup-name').waitFor();
      await check(page, findings, 'first run', [byTestId('join-event'), byTestId('join-open'), '#setup-name']);

      await page.goto(served.url);
      await waitFocus(page, 'search');
      // The counters come with the desk's status, a moment after the search box.
      await page.getByTestId('counter-total').waitFor();
      await checkChrome(page, findings);
      await check(page, findings, 'check-in', [byTestId('search'), byTestId('counter-total'), byTestId('nav-organizer'), byTestId('event-name')]);
      if (i === 0) {
        // The English labels are longer: the same one row and whole name at the narrowest size.
        await page.locator('header .lang button[lang=en]').click();
        await expect.poll(() => page.getByTestId('nav-checkin').innerText()).toBe('Check-in');
        await checkChrome(page, findings, ' (English)');
        await page.locator('header .lang button[lang=id]').click();
        await expect.poll(() => page.getByTestId('nav-checkin').innerText()).toBe('Registrasi');
      }

      // Check-in with the confirmation open: someone whose name another participant shares.
      const who = arriving[i]!;
      await page.getByTestId('search').fill(who.name);
      await page.getByTestId('result').first().waitFor();
      const rows = await page.locator('[data-testid=result] .r-name').allInnerTexts();
      expect(rows.filter((n) => n === who.name).length).toBeGreaterThan(1);
      const nibs = await page.locator('[data-testid=result] .ids .mono').allInnerTexts();
      for (let down = nibs.indexOf(who.nib!); down > 0; down--) await page.getByTestId('search').press('ArrowDown');
      await page.getByTestId('search').press('Enter');
      await waitFocus(page, 'confirm-checkin');
      expect(await page.getByTestId('confirm-nib').innerText()).toBe(who.nib);
      await check(page, findings, 'confirmation', ['#confirm-name', byTestId('confirm-business'), byTestId('confirm-nib'), byTestId('confirm-regency'), byTestId('confirm-checkin')]);
      await page.keyboard.press('Enter');
      await page.getByTestId('print-offer').waitFor();
      if (docs) {
        // The README's picture: the success banner with its undo, the badge offer, the counters.
        await shot(page, 'checkin.png');
      }
      await check(page, findings, 'checked in', [byTestId('outcome'), byTestId('undo-start'), byTestId('print-confirm'), byTestId('print-skip')]);
      await page.keyboard.press('Escape');

      // Already present: when, where, by whom, and no green button.
      await page.getByTestId('search').fill(present[i]!.nib!);
      await page.getByTestId('search').press('Enter');
      await waitFocus(page, 'confirm-checkin');
      await check(page, findings, 'already present', ['#confirm-name', byTestId('confirm-already'), byTestId('confirm-checkin')]);
      expect(await page.getByTestId('confirm-panel').locator('.btn.primary').count()).toBe(0);
      await page.keyboard.press('Escape');

      // Walk-in: the form's required fields and its save button.
      await page.getByTestId('nav-walkin').click();
      await page.getByTestId('walkin-form').waitFor();
      await check(page, findings, 'walk-in', [byTestId('walkin-nib'), byTestId('walkin-name'), byTestId('walkin-regency'), byTestId('walkin-save')]);
      // While the form scrolls, its save bar sits on the window's bottom edge: no field shows through under it.
      const bar = await page.evaluate<{ scrolls: boolean; gap: number }>(`(() => {
        const main = document.querySelector('main.content');
        const actions = document.querySelector('[data-testid="walkin-save"]').parentElement;
        return { scrolls: main.scrollHeight > main.clientHeight + 1, gap: main.getBoundingClientRect().bottom - actions.getBoundingClientRect().bottom };
      })()`);
      if (bar.scrolls && Math.abs(bar.gap) > 1) findings.push(`${size.width}×${size.height} walk-in: ${Math.round(bar.gap)} px of the form show under the save bar`);
      await page.keyboard.press('Escape');

      // Handover: the wrong envelope, then a certificate handed over before (with its PIN button).
      await page.getByTestId('nav-handover').click();
      await waitFocus(page, 'handover-search');
      await page.keyboard.type(nibOf(inBox[i]!));
      await page.keyboard.press('Enter');
      await waitFocus(page, 'handover-number');
      await page.keyboard.type(handed[i]!.number);
      await page.keyboard.press('Enter');
      await page.getByTestId('wrong-envelope').waitFor();
      await check(page, findings, 'handover: wrong envelope', [byTestId('handover-number'), byTestId('wrong-envelope')]);
      // The one in hand, to the owner, signed: the confirmation step.
      await page.getByTestId('handover-number').fill(inBox[i]!.number);
      await page.keyboard.press('Enter');
      await waitFocus(page, 'kind-owner');
      await page.keyboard.press('Enter');
      await page.getByTestId('proof-step').waitFor();
      await sign(page);
      await page.getByTestId('proof-next').click();
      await waitFocus(page, 'handover-submit');
      await check(page, findings, 'handover: confirmation', [byTestId('confirm-number'), byTestId('confirm-recipient'), byTestId('handover-submit')]);
      if (docs) await shot(page, 'handover.png');
      // Back to the search (nothing was handed over), then the owner of a certificate given out before.
      for (let back = 0; back < 5; back++) await page.keyboard.press('Escape');
      await waitFocus(page, 'handover-search');
      await page.keyboard.type(nibOf(handed[i]!));
      await page.keyboard.press('Enter');
      await waitFocus(page, 'handover-number');
      await page.getByTestId('handover-number').fill(handed[i]!.number);
      await page.keyboard.press('Enter');
      await page.getByTestId('already-handed').waitFor();
      await check(page, findings, 'handover: handed over before', [byTestId('handover-number'), byTestId('already-handed'), byTestId('override-start')]);
      // Giving it out again: the organizer's PIN (unless a session is open), then the reason, under the alert.
      await page.getByTestId('override-start').click();
      await page.locator(`${byTestId('override-reason')}, ${byTestId('pin')}`).first().waitFor();
      if (await page.getByTestId('pin').isVisible()) {
        await waitFocus(page, 'pin');
        await page.keyboard.type(PIN);
        await page.keyboard.press('Enter');
      }
      await waitFocus(page, 'override-reason');
      await check(page, findings, 'handover: override reason', [byTestId('handover-number'), `${byTestId('already-handed')} p`, byTestId('override-reason'), byTestId('override-confirm')]);
      // Not given out again; back to the search, then a certificate that is not issued yet.
      for (let back = 0; back < 3; back++) await page.keyboard.press('Escape');
      await waitFocus(page, 'handover-search');
      await page.keyboard.type(nibOf(notIssued[i]!));
      await page.keyboard.press('Enter');
      await waitFocus(page, 'handover-number');
      await page.getByTestId('handover-number').fill(notIssued[i]!.number);
      await page.keyboard.press('Enter');
      await page.getByTestId('handover-problem').waitFor();
      await check(page, findings, 'handover: not issued yet', [byTestId('handover-number'), byTestId('handover-problem')]);

      await page.getByTestId('nav-stock').click();
      await page.getByTestId('stock-totals').waitFor();
      await check(page, findings, 'stock', ['#stock-title', byTestId('stock-totals'), byTestId('stock-import')]);

      await page.getByTestId('nav-conflicts').click();
      await page.getByTestId('conflict').first().waitFor();
      await check(page, findings, 'conflicts', ['#conflicts-title', `${byTestId('conflict')} h2`, `${byTestId('conflict')} label:has(${byTestId('conflict-keep')})`]);

      await page.getByTestId('nav-sync').click();
      await page.getByTestId('sync-desk').first().waitFor();
      await check(page, findings, 'sync', ['#sync-title', byTestId('sync-invite'), byTestId('sync-desk')]);

      await openOrganizerScreen(page, 'nav-dashboard', 'dashboard-totals', PIN);
      await check(page, findings, 'dashboard', ['#dashboard-title', byTestId('dashboard-totals'), byTestId('bigscreen-open')]);
      await page.getByTestId('bigscreen-open').click();
      await page.locator('[data-testid=bigscreen] [data-testid=arrivals-chart] canvas').waitFor();
      const regencies = await page.locator('[data-testid=bigscreen] [data-testid=regency-row]').count();
      expect(regencies).toBe(6);
      await check(page, findings, 'big screen', [
        `${byTestId('bigscreen')} h1`,
        byTestId('big-present'),
        byTestId('big-handed'),
        byTestId('big-remaining'),
        byTestId('big-walkins'),
        byTestId('big-eta'),
        ...Array.from({ length: regencies }, (_, r) => `${byTestId('bigscreen')} ${byTestId('regency-row')}:nth-child(${r + 1})`),
        `${byTestId('bigscreen')} ${byTestId('arrivals-chart')} canvas`,
      ]);
      await page.keyboard.press('Escape');

      await openOrganizerScreen(page, 'nav-export', 'export-run', PIN);
      await check(page, findings, 'export', ['#export-title', byTestId('export-semicolon'), byTestId('export-comma'), byTestId('export-run')]);
      // The separator choices are whole rows, big enough to hit (WCAG 2.5.5: 44 px).
      for (const id of ['export-semicolon', 'export-comma']) {
        const target = await page.locator(`label:has(${byTestId(id)})`).boundingBox();
        if (!target || target.height < 44) findings.push(`${size.width}×${size.height} export: the ${id} choice is ${target?.height ?? 0} px high`);
      }

      await openOrganizerScreen(page, 'nav-settings', 'settings', PIN);
      await check(page, findings, 'settings', ['#settings-title', byTestId('print-mode-always'), byTestId('desk-layout')]);

      // The import's dry run: what would be imported, nothing written.
      await openOrganizerScreen(page, 'nav-import', 'import-file', PIN);
      await page.getByTestId('import-file').setInputFiles(workbook);
      await page.getByTestId('import-summary').waitFor({ timeout: 20_000 });
      await check(page, findings, 'import dry run', ['#import-title', byTestId('import-summary'), byTestId('import-commit')]);

      // The kiosk covers the whole window (full screen under Electron).
      await openOrganizerScreen(page, 'nav-settings', 'settings', PIN);
      await page.getByTestId('kiosk-start').click();
      await page.getByTestId('kiosk').waitFor();
      await check(page, findings, 'kiosk', [`${byTestId('kiosk')} h1`, byTestId('kiosk-help'), byTestId('kiosk-camera'), byTestId('kiosk-exit')]);
      const colours = await page.evaluate<{ text: string; from: string; to: string }>(`(() => {
        const css = getComputedStyle(document.documentElement);
        const probe = document.createElement('span');
        document.body.append(probe);
        const rgb = (v) => { probe.style.color = v; return getComputedStyle(probe).color; };
        const out = { text: getComputedStyle(document.querySelector('[data-testid="kiosk-help"]')).color, from: rgb(css.getPropertyValue('--brand-dark')), to: rgb(css.getPropertyValue('--brand')) };
        probe.remove();
        return out;
      })()`);
      for (const background of [colours.from, colours.to]) {
        const ratio = contrast(colours.text, background);
        if (ratio < 4.5) findings.push(`${size.width}×${size.height} kiosk: the subtitle's contrast is ${ratio.toFixed(2)}:1 on ${background} (WCAG AA needs 4.5:1)`);
      }
      await page.getByTestId('kiosk-exit').click();
      await waitFocus(page, 'pin');
      await page.keyboard.type(PIN);
      await page.keyboard.press('Enter');
      await waitFocus(page, 'search');
      await context.close();
    }

    // The dashboard's documentation pictures: the whole screen, and the big screen on a 1920×1080 projector.
    const context = await browser.newContext({ viewport: { width: 1440, height: 1700 }, locale: 'id-ID', timezoneId: 'Asia/Makassar' });
    await context.clock.setFixedTime(wita(10, 40));
    const page = await context.newPage();
    await page.goto(served.url);
    await waitFocus(page, 'search');
    await openOrganizerScreen(page, 'nav-dashboard', 'dashboard-totals', PIN);
    await page.locator('[data-testid=arrivals-chart] canvas').waitFor();
    expect(Number((await page.getByTestId('dash-present').innerText()).replace(/\D/g, ''))).toBeGreaterThan(500);
    expect(await page.getByTestId('dash-conflicts').locator('strong').innerText()).toBe('1');
    expect(await page.locator('[data-testid=dash-sync] li[data-state=quiet]').count()).toBe(1);
    await shot(page, 'dashboard.png');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('bigscreen-open').click();
    await page.locator('[data-testid=bigscreen] [data-testid=arrivals-chart] canvas').waitFor();
    expect(await page.getByTestId('dash-operators').count()).toBe(0);
    await shot(page, 'dashboard-bigscreen.png');
    await context.close();

    expect(findings).toEqual([]);
    expect(problems).toEqual([]);
  });
});
