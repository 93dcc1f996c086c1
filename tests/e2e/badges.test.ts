import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BadgeDocument, ParticipantDetail, ParticipantSummary } from '../../shared/api';
import { generateParticipants } from '../../electron/core/demo/participants';
import { writeLargeWorkbook } from '../../electron/core/demo/messy-workbook';
import { projectRoot, requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';
import { CHROMIUM, CHROMIUM_ARGS, active, openOrganizerScreen, startServer } from '../helpers/e2e';
import { qrVideo } from '../helpers/qr-video';

/**
 * QR badges at the desk, in Chromium against a real `loket serve`: a USB scanner's burst typed
 * while focus is elsewhere, the webcam path with Chromium's fake camera fed a badge QR code, the
 * self check-in kiosk, and a batch PDF (generated for printing, not printed). Writes
 * docs/self-checkin.png and docs/badge-preview.png.
 */

const PIN = '12345678';
const SEED = 33;

const tempDir = useTempDirs();


/** The browser fallback's API, as the UI calls it. */
async function api<T>(base: string, method: string, body: object = {}): Promise<T> {
  const response = await fetch(new URL(`api/${method}`, base), {
    method: 'POST',
    // One session for the whole test, as one page: the organizer unlock holds for it only.
    headers: { 'Content-Type': 'application/json', 'X-Loket-Client': '1', 'X-Loket-Session': 'e2e-badges-session-token-1' },
    body: JSON.stringify(body),
  });
  const reply = (await response.json()) as { ok: boolean; value?: T; error?: unknown };
  if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}


interface Person {
  id: string;
  name: string;
  nib: string;
}

describe.skipIf(!existsSync(CHROMIUM))('QR badges in the browser', () => {
  let server: ChildProcess | undefined;
  const contexts: BrowserContext[] = [];
  let url = '';
  let people: Person[] = [];
  let dataDir = '';

  beforeAll(async () => {
    requireBuild();
    dataDir = join(tempDir(), 'desk');
    const init = await runCli(['init', '--data', dataDir, '--name', 'Percepatan Fasilitasi 1000 Sertifikasi Halal Self Declare', '--date', '2024-05-21', '--venue', 'Aula Idham Khalid, Banjarbaru', '--desk-name', 'Meja 1'], { LOKET_PIN: PIN });
    expect(init.code, init.stderr).toBe(0);
    const generated = generateParticipants(24, SEED).filter((p) => p.nib);
    const workbook = join(tempDir(), 'Daftar Peserta.xlsx');
    writeFileSync(workbook, await writeLargeWorkbook(generated));
    const imported = await runCli(['import', '--data', dataDir, workbook]);
    expect(imported.code, imported.stderr).toBe(0);

    const started = await startServer(dataDir);
    server = started.child;
    url = started.url;
    await api(url, 'signIn', { name: 'Rina' });
    // Part one checks scanning alone: no printing at this desk yet (the kiosk part turns it on in the UI).
    await api(url, 'unlockOrganizer', { pin: PIN });
    await api(url, 'setDeskSettings', { printMode: 'never', layout: 'a6' });
    await api(url, 'lockOrganizer', {});
    for (const p of generated) {
      const hit = (await api<ParticipantSummary[]>(url, 'search', { query: p.nib! })).find((s) => s.nib === p.nib);
      if (hit && !/['"]/.test(hit.name)) people.push({ id: hit.id, name: hit.name, nib: hit.nib! });
    }
    people = people.filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i);
    expect(people.length).toBeGreaterThan(5);
  }, 120_000);

  // Each browser closes before its profile folder is removed.
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
  });

  afterAll(() => {
    server?.kill('SIGTERM');
  });

  async function open(extraArgs: string[] = []): Promise<{ page: Page; problems: string[] }> {
    const context = await chromium.launchPersistentContext(tempDir(), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      locale: 'id-ID',
      timezoneId: 'Asia/Makassar',
      args: [...CHROMIUM_ARGS, ...extraArgs],
    });
    contexts.push(context);
    context.setDefaultTimeout(10_000);
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
        const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await page.getByTestId('search').waitFor();
    await expect.poll(() => active(page)).toBe('search');
    return { page, problems };
  }

  const checkins = async (id: string) =>
    (await api<ParticipantDetail>(url, 'participant', { id })).history.filter((h) => h.action === 'checkin.recorded').length;

  it('a scanner burst while focus is on a button checks in; the same burst again is ignored', { timeout: 90_000 }, async () => {
    const [ani, nibPerson] = people as [Person, Person];
    const { code } = await api<BadgeDocument>(url, 'badge', { participantId: ani.id });
    expect(code).toMatch(/^LK1[A-Z2-7]+$/);
    const { page, problems } = await open();

    // Focus on "Daftar di Tempat": if the scanner's Enter reached it, the walk-in form would open.
    await page.getByRole('button', { name: /Daftar di Tempat/ }).first().focus();
    expect(await active(page)).toBe('nav-walkin');
    await page.keyboard.type(`${code}\n`, { delay: 5 });
    await expect.poll(() => page.getByTestId('outcome').innerText().catch(() => '')).toMatch(new RegExp(`Berhasil — ${ani.name} tercatat hadir pukul \\d{2}\\.\\d{2} WITA`));
    expect(await page.getByTestId('walkin-form').count()).toBe(0);
    await expect.poll(() => active(page)).toBe('search');
    expect(await page.getByTestId('search').inputValue()).toBe('');
    expect(await checkins(ani.id)).toBe(1);

    // The same badge again within 3 s: one check-in, "Pindaian ganda diabaikan", still the green outcome.
    await page.keyboard.type(`${code}\n`, { delay: 5 });
    await expect.poll(() => page.getByTestId('checkin-note').innerText().catch(() => '')).toContain('Pindaian ganda diabaikan');
    expect(await page.getByTestId('outcome').getAttribute('data-kind')).toBe('success');
    expect(await checkins(ani.id)).toBe(1);
    expect(await page.getByTestId('search').inputValue()).toBe('');

    // A plain NIB from a scanner (focus on the page body) is a code too.
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.type(`${nibPerson.nib}\n`, { delay: 5 });
    await expect.poll(() => page.getByTestId('outcome').innerText().catch(() => '')).toContain(`Berhasil — ${nibPerson.name} tercatat hadir`);
    expect(await checkins(nibPerson.id)).toBe(1);

    // A forged code (one character changed) is refused.
    const forged = code.slice(0, 20) + (code[20] === 'A' ? 'B' : 'A') + code.slice(21);
    await page.waitForTimeout(50);
    await page.keyboard.type(`${forged}\n`, { delay: 5 });
    await expect.poll(() => page.getByTestId('outcome').getAttribute('data-kind').catch(() => '')).toBe('error');
    expect(await page.getByTestId('outcome').innerText()).toMatch(/PALSU|tidak dikenali|Data tidak ditemukan/);

    // A person typing a name (slowly) and Enter still searches as before.
    await page.keyboard.type(people[2]!.nib, { delay: 70 });
    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-panel').waitFor();
    await page.keyboard.press('Escape');
    expect(await checkins(people[2]!.id)).toBe(0);
    expect(problems).toEqual([]);
  });

  it('the webcam path: Chromium\'s fake camera shows a badge QR code and the participant is checked in', { timeout: 90_000 }, async () => {
    const person = people[3]!;
    const { code } = await api<BadgeDocument>(url, 'badge', { participantId: person.id });
    const video = join(tempDir(), 'badge.y4m');
    await qrVideo(code, video);
    const { page, problems } = await open(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    await page.keyboard.press('F4');
    await page.getByTestId('camera').waitFor();
    await expect.poll(() => page.getByTestId('outcome').innerText().catch(() => ''), { timeout: 20_000 }).toContain(`Berhasil — ${person.name} tercatat hadir`);
    expect(await page.getByTestId('camera').count()).toBe(0); // closed after the hit
    await expect.poll(() => active(page)).toBe('search');
    expect(await checkins(person.id)).toBe(1);
    expect(problems).toEqual([]);
  });

  it('self check-in kiosk: a scan welcomes the participant and prints the badge; the PIN leads out', { timeout: 90_000 }, async () => {
    const person = people[4]!;
    const { code } = await api<BadgeDocument>(url, 'badge', { participantId: person.id });
    const { page, problems } = await open();

    // Organizer menu: desk settings behind the PIN, print always, then the kiosk.
    await page.getByTestId('nav-organizer').click();
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => active(page)).toBe('pin');
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('settings').waitFor();
    await page.getByTestId('print-mode-always').check();
    await expect.poll(async () => (await api<{ printMode: string }>(url, 'deskSettings')).printMode).toBe('always');
    await page.getByTestId('kiosk-start').click();
    await page.getByTestId('kiosk').waitFor();
    expect(await page.getByTestId('kiosk').innerText()).toContain('Silakan pindai kode QR kartu atau undangan Anda');
    expect(await page.getByTestId('search').count()).toBe(0);

    await page.keyboard.type(`${code}\n`, { delay: 5 });
    await expect.poll(() => page.getByTestId('kiosk-welcome').innerText().catch(() => '')).toContain(`Selamat datang, ${person.name}`);
    // The browser's print dialog says nothing about paper: the badge counts once someone saw it come out.
    await page.getByTestId('print-check').waitFor({ timeout: 15_000 });
    const before = await api<ParticipantDetail>(url, 'participant', { id: person.id });
    expect(before.present).toBe(true);
    expect(before.badges).toEqual([]);
    await page.getByTestId('print-check-yes').click();
    await expect.poll(() => page.getByTestId('kiosk-print').innerText().catch(() => ''), { timeout: 15_000 }).toContain('Silakan ambil kartu peserta Anda');
    const detail = await api<ParticipantDetail>(url, 'participant', { id: person.id });
    expect(detail.badges.length).toBe(1);
    await page.mouse.move(1279, 1);
    mkdirSync(join(projectRoot, 'docs'), { recursive: true });
    await page.screenshot({ path: join(projectRoot, 'docs', 'self-checkin.png') });

    // Leaving needs the organizer PIN, even though it was entered a minute ago.
    await page.getByTestId('kiosk-exit').click();
    await expect.poll(() => active(page)).toBe('pin');
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');
    await page.getByTestId('search').waitFor();
    expect(await page.getByTestId('kiosk').count()).toBe(0);

    // The participant view: the badge preview, "already printed", and Cetak Ulang.
    await page.getByTestId('search').fill(person.nib);
    await page.getByTestId('result').first().waitFor();
    await page.getByTestId('open-detail').click();
    const preview = page.getByTestId('badge-preview');
    await preview.waitFor();
    expect(await preview.getAttribute('sandbox')).toBe('');
    await expect.poll(() => page.frameLocator('[data-testid=badge-preview]').locator('body').innerText().catch(() => '')).toContain(person.name);
    expect(await page.getByTestId('already-printed').innerText()).toMatch(/Sudah dicetak pukul \d{2}\.\d{2} WITA di Meja 1 oleh Rina/);
    expect(await page.getByTestId('print-badge').innerText()).toContain('Cetak Ulang');
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.getByRole('heading', { name: 'Kartu Peserta' }).evaluate((h) => h.scrollIntoView({ block: 'start' }));
    await page.mouse.move(1279, 999);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(projectRoot, 'docs', 'badge-preview.png') });
    expect(problems).toEqual([]);
  });

  it('a batch PDF from the settings screen is generated for printing, not printed; a confirmed print then counts', { timeout: 90_000 }, async () => {
    const person = people[5]!;
    const history = async () => (await api<ParticipantDetail>(url, 'participant', { id: person.id })).history.map((h) => h.action);
    const { page, problems } = await open();

    await openOrganizerScreen(page, 'nav-settings', 'settings', PIN);
    const download = page.waitForEvent('download');
    await page.getByTestId('batch-download').click();
    expect((await download).suggestedFilename()).toMatch(/^kartu-peserta-[a-z0-9]+\.pdf$/);
    await expect.poll(() => page.getByTestId('settings').innerText()).toContain('Kartu di dalamnya tercatat dibuat untuk dicetak, belum tercetak.');

    // Her participant view: generated for printing, never printed, so a first print needs no reason.
    await page.keyboard.press('Escape');
    await page.getByTestId('search').fill(person.nib);
    await page.getByTestId('result').first().waitFor();
    await page.getByTestId('open-detail').click();
    await page.getByTestId('history').waitFor();
    expect(await page.getByTestId('history').innerText()).toContain('Kartu peserta dibuat untuk dicetak (PDF)');
    expect(await page.getByTestId('participant-view').innerText()).toContain('Kartu belum pernah dicetak.');
    expect(await page.getByTestId('already-printed').count()).toBe(0);
    expect(await page.getByTestId('print-badge').innerText()).toContain('Cetak Kartu');
    expect((await api<ParticipantDetail>(url, 'participant', { id: person.id })).badges).toEqual([]);
    expect(await history()).not.toContain('badge.printed');

    // Printed here and confirmed: that one counts.
    await page.getByTestId('print-badge').click();
    await page.getByTestId('print-check').waitFor({ timeout: 15_000 });
    await page.getByTestId('print-check-yes').click();
    await expect.poll(() => page.getByTestId('already-printed').innerText().catch(() => '')).toMatch(/Sudah dicetak pukul \d{2}\.\d{2} WITA di Meja 1 oleh Rina/);
    expect(await page.getByTestId('print-badge').innerText()).toContain('Cetak Ulang');
    expect((await api<ParticipantDetail>(url, 'participant', { id: person.id })).badges).toHaveLength(1);
    expect(await history()).toEqual(expect.arrayContaining(['badge.generated', 'badge.printed']));
    expect(problems).toEqual([]);
  });
});
