import type { ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateParticipants } from '../../electron/core/demo/participants';
import { messyLayout, writeLayout, type MessyLayout } from '../../electron/core/demo/messy-workbook';
import type { ParticipantFields } from '../../shared/events';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';
import { CHROMIUM, startServer, text, waitFocus } from '../helpers/e2e';

/**
 * The desk as an operator uses it: a real `loket serve` on loopback, the built UI in Chromium, and
 * only the keyboard (plus the file chooser, which no keyboard can fill). (docs/checkin.png is taken
 * by viewport-audit.test.ts, at the laptop size most desks have.)
 */

const PIN = '12345678';
const SEED = 21;

const tempDir = useTempDirs();




/** The participants an import must create, with a first name that is unique in the list. */
function pickPeople(layout: MessyLayout): ParticipantFields[] {
  const all = layout.candidates.map((c) => c.fields).filter((f) => f.nib && f.regency);
  const count = (needle: string) => all.filter((f) => f.name.toLowerCase().includes(needle.toLowerCase())).length;
  return all.filter((f) => count(f.name) === 1 && !/[,']/.test(f.name));
}

describe.skipIf(!existsSync(CHROMIUM))('check-in desk in the browser (keyboard only)', () => {
  let server: ChildProcess | undefined;
  let context: BrowserContext | undefined;

  beforeAll(() => requireBuild());

  // After each test, before the temporary folders go: Chromium writes into its profile until closed.
  afterEach(async () => {
    await context?.close();
    server?.kill('SIGTERM');
  });

  it('signs in, imports a messy list, checks in, sees "already present", voids, registers a walk-in', { timeout: 120_000 }, async () => {
    const dataDir = join(tempDir(), 'desk');
    const init = await runCli(['init', '--data', dataDir, '--name', 'Percepatan Fasilitasi 1000 Sertifikasi Halal Self Declare', '--date', '2024-05-21', '--venue', 'Aula Idham Khalid, Banjarbaru', '--desk-name', 'Meja 1'], { LOKET_PIN: PIN });
    expect(init.code, init.stderr).toBe(0);

    const participants = generateParticipants(90, SEED);
    const layout = messyLayout(participants, { seed: SEED });
    const workbook = join(tempDir(), 'Daftar Peserta Halal 2024.xlsx');
    writeFileSync(workbook, await writeLayout(layout.sheets));
    const people = pickPeople(layout);
    expect(people.length).toBeGreaterThan(6);
    const [ani, ...others] = people as [ParticipantFields, ...ParticipantFields[]];

    const started = await startServer(dataDir);
    server = started.child;
    context = await chromium.launchPersistentContext(tempDir(), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      locale: 'id-ID',
      timezoneId: 'Asia/Makassar',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context.setDefaultTimeout(10_000);
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    const response = await page.goto(started.url);
    expect(response?.status(), 'the server must serve the built UI (out/renderer)').toBe(200);

    // 1. Operator sign-in: the name field has focus.
    await page.getByTestId('operator').waitFor();
    await waitFocus(page, 'operator');
    await page.keyboard.type('Rina');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'search');
    expect(await text(page, 'operator-name')).toBe('Rina');
    expect(await page.locator('header').innerText()).toContain('Selasa, 21 Mei 2024');
    expect(await text(page, 'clock')).toMatch(/^\d{2}\.\d{2} WITA$/);

    // 2. Import (organizer): Shift+Tab from the search box reaches "Menu Panitia"; Enter opens it,
    //    End picks "Impor Peserta" (its last entry), the PIN unlocks it.
    await page.keyboard.press('Shift+Tab');
    await waitFocus(page, 'nav-organizer');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'nav-dashboard');
    await page.keyboard.press('End');
    await waitFocus(page, 'nav-import');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'pin');
    await page.keyboard.type('000000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('PIN panitia salah');
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');
    await waitFocus(page, 'import-file');
    await page.getByTestId('import-file').setInputFiles(workbook);
    await page.getByTestId('import-summary').waitFor({ timeout: 20_000 });
    // Nothing is written before the organizer confirms.
    expect(await text(page, 'import-new')).toBe(String(layout.candidates.length));
    const counted = (await page.getByTestId('import-summary').innerText()).match(/Kesalahan\s+(\d+)/);
    expect(Number(counted?.[1])).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=import-problems-list] tr[data-kind=error]').count()).toBe(Number(counted?.[1]));
    expect(await page.getByTestId('import-sheet').count()).toBe(layout.sheets.length);
    const before = await runCli(['status', '--data', dataDir, '--json']);
    expect((before.json as { participants: number }).participants).toBe(0);
    await page.keyboard.press('Tab');
    await waitFocus(page, 'import-commit');
    await page.keyboard.press('Enter');
    await page.getByTestId('import-result').waitFor({ timeout: 20_000 });
    expect(await text(page, 'import-result')).toContain(`${layout.candidates.length} peserta baru`);
    await page.keyboard.press('Enter'); // "Kembali ke Registrasi" has focus
    await waitFocus(page, 'search');
    const total = layout.candidates.length;
    await expect.poll(() => text(page, 'counter-total')).toContain(`0 / ${total}`);

    // 3. Search by name as you type, arrows to the right row, Enter, Enter.
    await page.keyboard.type(ani.name.toLowerCase());
    await expect.poll(() => page.getByTestId('result-count').innerText().catch(() => '')).toContain(`"${ani.name.toLowerCase()}"`);
    const names = await page.locator('[data-testid=result] .r-name').allInnerTexts();
    const index = names.indexOf(ani.name);
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-panel').waitFor();
    expect(await page.getByTestId('confirm-panel').locator('h2').innerText()).toBe(ani.name);
    await waitFocus(page, 'confirm-checkin');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'outcome')).toMatch(new RegExp(`Berhasil — ${ani.name} tercatat hadir pukul \\d{2}\\.\\d{2} WITA`));
    expect(await page.getByTestId('outcome').getAttribute('data-kind')).toBe('success');
    await waitFocus(page, 'search');
    expect(await page.getByTestId('search').inputValue()).toBe('');
    await expect.poll(() => text(page, 'counter-total')).toContain(`1 / ${total}`);

    // 4. The same person again, by NIB typed at human speed: the panel warns first; confirming gives
    //    amber "already present", not an error. (A scanner's burst would be checked in directly.)
    await page.keyboard.type(`${ani.nib}`, { delay: 80 });
    await page.keyboard.press('Enter');
    await page.getByTestId('confirm-panel').waitFor();
    expect(await text(page, 'confirm-panel')).toMatch(/Sudah hadir pukul \d{2}\.\d{2} WITA, di Meja 1, oleh Rina/);
    await waitFocus(page, 'confirm-checkin');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('outcome').getAttribute('data-kind')).toBe('already');
    expect(await text(page, 'outcome')).toMatch(/Sudah hadir pukul \d{2}\.\d{2} WITA, di Meja 1, oleh Rina/);
    await expect.poll(() => text(page, 'counter-total')).toContain(`1 / ${total}`);

    // 5. Undo with a reason: NIB, Enter, Tab to "Lihat Data", Enter, Tab to "Batalkan kehadiran".
    await waitFocus(page, 'search');
    await page.keyboard.type(`${ani.nib}`, { delay: 80 });
    await page.keyboard.press('Enter');
    await waitFocus(page, 'confirm-checkin');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('void-start').waitFor(); // the participant has loaded
    await page.keyboard.press('Tab');
    await waitFocus(page, 'void-start');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'void-reason');
    await page.keyboard.press('Control+Enter'); // no reason yet: refused
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Alasan wajib diisi');
    await page.keyboard.type('Salah pilih peserta');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('participant-view').innerText()).toContain(`Kehadiran ${ani.name} dibatalkan`);
    expect(await text(page, 'history')).toContain('Salah pilih peserta');
    await page.keyboard.press('Escape');
    await waitFocus(page, 'search');
    expect(await page.getByTestId('outcome').getAttribute('data-kind')).toBe('voided');
    await expect.poll(() => text(page, 'counter-total')).toContain(`0 / ${total}`);

    // 6. Walk-in: an NIB that is not on the list, then F2 with the NIB filled in.
    const walkInNib = '6372000000017';
    expect(participants.some((p) => p.nib === walkInNib)).toBe(false);
    await page.keyboard.type(walkInNib, { delay: 80 });
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'not-found')).toContain('Data tidak ditemukan');
    await page.keyboard.press('F2');
    await page.getByTestId('walkin-form').waitFor();
    expect(await page.getByTestId('walkin-nib').inputValue()).toBe(walkInNib);
    await waitFocus(page, 'walkin-name');
    await page.keyboard.type('Hj. Rusmini');
    await page.keyboard.press('Enter'); // next field
    await waitFocus(page, 'walkin-business');
    await page.keyboard.type('Wadai Rusmini');
    await page.keyboard.press('Enter');
    await page.keyboard.type('0812 5123 4567');
    await page.keyboard.press('Control+Enter'); // no kabupaten/kota yet: refused, the select has the focus
    await waitFocus(page, 'walkin-regency');
    await page.getByTestId('walkin-regency').selectOption('63.72');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => text(page, 'outcome')).toMatch(/Berhasil — Hj\. Rusmini tercatat hadir pukul \d{2}\.\d{2} WITA/);
    await waitFocus(page, 'search');
    await expect.poll(() => text(page, 'counter-total')).toContain(`1 / ${total + 1}`);

    // 7. Live updates: check-ins recorded by another process show up without touching the page.
    const elsewhere = spread(others, 8);
    for (const p of elsewhere) {
      const run = await runCli(['checkin', '--data', dataDir, '--nib', p.nib!, '--operator', 'Budi']);
      expect(run.code, run.stderr).toBe(0);
    }
    await expect.poll(() => text(page, 'counter-total'), { timeout: 10_000 }).toContain(`${1 + elsewhere.length} / ${total + 1}`);

    // 8. One more by keyboard, then a search with several results.
    const next = others.find((p) => !elsewhere.includes(p))!;
    await page.keyboard.type(next.nib!, { delay: 80 });
    await page.keyboard.press('Enter');
    await waitFocus(page, 'confirm-checkin');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'outcome')).toContain(`Berhasil — ${next.name} tercatat hadir`);
    await page.getByRole('button', { name: 'Kunci' }).click(); // organizer done: lock again
    await waitFocus(page, 'search');
    const family = mostCommonWord(
      layout.candidates.map((c) => c.fields.name),
      [...elsewhere, next].map((p) => p.name),
    );
    await page.keyboard.type(family.toLowerCase());
    await expect.poll(() => page.getByTestId('result-count').innerText().catch(() => '')).toContain(`"${family.toLowerCase()}"`);
    expect(await page.getByTestId('result').count()).toBeGreaterThan(2);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('[data-testid=result][aria-selected=true]').count()).toBe(1);

    expect(problems).toEqual([]);
  });
});

/** People from as many different regencies as possible, so every counter row moves. */
function spread(people: ParticipantFields[], count: number): ParticipantFields[] {
  const byRegency = new Map<string, ParticipantFields[]>();
  for (const p of people) byRegency.set(p.regency!, [...(byRegency.get(p.regency!) ?? []), p]);
  const picked: ParticipantFields[] = [];
  for (let round = 0; picked.length < count && round < people.length; round++) {
    for (const list of byRegency.values()) if (list[round] && picked.length < count) picked.push(list[round]!);
  }
  return picked;
}

/** A name part shared by many participants, preferring one that some checked-in people have. */
function mostCommonWord(names: string[], present: string[]): string {
  const words = (name: string) => name.split(/[\s,]+/).filter((w) => w.length >= 4 && !/[.']/.test(w));
  const counts = new Map<string, number>();
  for (const name of names) for (const word of words(name)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const score = (word: string) => (counts.get(word) ?? 0) + 100 * Math.min(2, present.filter((n) => words(n).includes(word)).length);
  return [...counts.keys()].filter((w) => (counts.get(w) ?? 0) >= 3).sort((a, b) => score(b) - score(a))[0]!;
}
