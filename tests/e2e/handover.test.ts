import type { ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeLargeWorkbook } from '../../electron/core/demo/messy-workbook';
import { generateParticipants } from '../../electron/core/demo/participants';
import type { ParticipantFields } from '../../shared/events';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';
import { CHROMIUM, startServer, text, waitFocus } from '../helpers/e2e';

/**
 * Serah Terima Sertifikat as an operator does it: a real `loket serve`, the built UI in Chromium,
 * the keyboard for everything but the signature (drawn with the mouse on the canvas). A handover in
 * person, a wrong envelope, a representative, the receipt, an undo by the organizer, the stock.
 * (docs/handover.png is taken by viewport-audit.test.ts.)
 */

const PIN = '12345678';
const SEED = 47;

const tempDir = useTempDirs();


const step = (page: Page) => page.getByTestId('handover-screen').getAttribute('data-step');


/** A signature as a hand draws it: pointer down, a wavy line, up; then a second stroke. */
async function sign(page: Page): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const y = box.y + box.height * 0.6;
  await page.mouse.move(box.x + box.width * 0.1, y);
  await page.mouse.down();
  for (let i = 1; i <= 30; i++) await page.mouse.move(box.x + box.width * (0.1 + i * 0.02), y - Math.sin(i / 3) * box.height * 0.25);
  await page.mouse.up();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.75, { steps: 8 });
  await page.mouse.up();
}

const certNumber = (i: number) => `ID6311000000000${String(i).padStart(4, '0')}`;

describe.skipIf(!existsSync(CHROMIUM))('certificate handover in the browser', () => {
  let server: ChildProcess | undefined;
  let context: BrowserContext | undefined;

  beforeAll(() => requireBuild());

  // After each test, before the temporary folders go: Chromium writes into its profile until closed.
  afterEach(async () => {
    await context?.close();
    server?.kill('SIGTERM');
  });

  it('in person with a drawn signature, wrong envelope, representative, receipt, undo, stock', { timeout: 120_000 }, async () => {
    const dataDir = join(tempDir(), 'desk');
    const init = await runCli(['init', '--data', dataDir, '--name', 'Percepatan Fasilitasi 1000 Sertifikasi Halal Self Declare', '--date', '2024-05-21', '--venue', 'Aula Idham Khalid, Banjarbaru', '--desk-name', 'Meja 1'], { LOKET_PIN: PIN });
    expect(init.code, init.stderr).toBe(0);
    const generated = generateParticipants(12, SEED).filter((p) => p.nib && !/['"]/.test(p.name));
    const workbook = join(tempDir(), 'Daftar Peserta.xlsx');
    writeFileSync(workbook, await writeLargeWorkbook(generated));
    const imported = await runCli(['import', '--data', dataDir, workbook]);
    expect(imported.code, imported.stderr).toBe(0);
    const people = generated.filter((p, i, all) => all.findIndex((q) => q.name === p.name) === i);
    const [ani, budi] = people as [ParticipantFields, ParticipantFields];

    // The organizer's certificate list, matched by NIB.
    const csv = ['NIB;Nomor Sertifikat;Produk;Tanggal Terbit', ...people.slice(0, 6).map((p, i) => `${p.nib};${certNumber(i + 1)};${p.productName || 'Keripik'};2024-04-02`)].join('\n');
    const list = join(tempDir(), 'Daftar Sertifikat.csv');
    writeFileSync(list, `${csv}\n`);
    const certs = await runCli(['certificates', 'import', '--data', dataDir, list, '--json']);
    expect(certs.code, certs.stderr).toBe(0);
    expect((certs.json as { imported: number }).imported).toBe(6);

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
    // Every print dialog is recorded instead of opened (the receipt frame's own print()).
    await context.addInitScript(
      "window.print = function () { try { const top = window.top; top.__printed = (top.__printed || []).concat(document.body ? document.body.innerText : ''); } catch (e) {} };",
    );
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    expect((await page.goto(started.url))?.status()).toBe(200);

    await page.getByTestId('operator').waitFor();
    await waitFocus(page, 'operator');
    await page.keyboard.type('Rina');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'search');

    // 1. Serah Terima: find Ani by NIB.
    await page.getByTestId('nav-handover').click();
    await waitFocus(page, 'handover-search');
    await page.keyboard.type(ani.nib!);
    await page.keyboard.press('Enter');
    await waitFocus(page, 'handover-number');
    expect(await text(page, 'handover-participant')).toContain(ani.name);
    expect(await page.getByTestId('cert-row').count()).toBe(1);
    expect(await text(page, 'cert-status')).toContain('Tersedia');

    // 2. Budi's envelope in Ani's hands: refused, nothing recorded.
    await page.keyboard.type(certNumber(2));
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'wrong-envelope')).toContain('AMPLOP SALAH');
    expect(await step(page)).toBe('certificate');
    await waitFocus(page, 'handover-number');

    // 3. The right one (the box is selected: the scan replaces it), the owner in person.
    await page.keyboard.type(certNumber(1));
    await page.keyboard.press('Enter');
    await expect.poll(() => step(page)).toBe('recipient');
    await waitFocus(page, 'kind-owner');
    await page.keyboard.press('Enter');
    await expect.poll(() => step(page)).toBe('proof');
    await waitFocus(page, 'proof-next');
    await page.keyboard.press('Enter'); // no signature yet
    await expect.poll(() => text(page, 'proof-error')).toContain('Tanda tangan penerima wajib');
    await sign(page);
    await expect.poll(() => page.getByTestId('signature-pad').getAttribute('data-empty')).toBe('false');
    await page.getByTestId('proof-next').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => step(page)).toBe('confirm');
    await waitFocus(page, 'handover-submit');
    expect(await text(page, 'confirm-recipient')).toContain(`${ani.name} (pemilik, langsung)`);
    expect(await page.getByTestId('confirm-signature').locator('path').getAttribute('d')).toMatch(/^M \d+ \d+ L \d+ \d+/);
    await page.keyboard.press('Escape'); // back to the signature, nothing recorded
    await expect.poll(() => step(page)).toBe('proof');
    await page.getByTestId('proof-next').focus();
    await page.keyboard.press('Enter');
    await waitFocus(page, 'handover-submit');
    await page.keyboard.press('Enter');

    // 4. Done: the receipt is shown and printed.
    await expect.poll(() => text(page, 'handover-done')).toContain(`Sertifikat ${certNumber(1)} diserahkan`);
    const receipt = page.frameLocator('[data-testid=receipt-preview]').locator('body');
    await expect.poll(() => receipt.innerText()).toContain(certNumber(1));
    expect(await receipt.innerText()).toContain(ani.name);
    expect((await receipt.innerText()).toUpperCase()).toContain('TANDA TERIMA');
    expect(await page.frameLocator('[data-testid=receipt-preview]').locator('svg path').count()).toBeGreaterThan(0);
    await expect.poll(() => page.evaluate<number>('(window.__printed || []).length')).toBe(1);
    expect(await page.evaluate<string>('window.__printed[0]')).toContain(certNumber(1));

    // 5. Budi, to a representative: name, relationship, KTP (masked), surat kuasa.
    await waitFocus(page, 'handover-next');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'handover-search');
    await page.keyboard.type(budi.name);
    await expect.poll(() => page.getByTestId('handover-result').count()).toBeGreaterThan(0);
    const names = await page.locator('[data-testid=handover-result] .r-name').allInnerTexts();
    for (let i = 0; i < names.indexOf(budi.name); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitFocus(page, 'handover-number');
    await page.keyboard.type(certNumber(2));
    await page.keyboard.press('Enter');
    await waitFocus(page, 'kind-owner');
    await page.keyboard.press('2');
    await waitFocus(page, 'rep-name');
    await page.keyboard.press('Enter'); // empty: refused
    await expect.poll(() => text(page, 'recipient-error')).toContain('Nama dan hubungan penerima kuasa wajib diisi');
    await page.keyboard.type('Ahmad Fauzi');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Anak');
    await page.keyboard.press('Tab');
    await page.keyboard.type('6372011203900001');
    await page.keyboard.press('Tab');
    expect(await page.getByTestId('rep-id').inputValue()).toBe('6372••••••••0001');
    await waitFocus(page, 'rep-letter');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await expect.poll(() => step(page)).toBe('proof');
    await sign(page);
    await page.getByTestId('proof-next').focus();
    await page.keyboard.press('Enter');
    await waitFocus(page, 'handover-submit');
    const confirmText = await text(page, 'confirm-recipient');
    expect(confirmText).toContain('Ahmad Fauzi (diwakilkan, Anak)');
    expect(confirmText).toContain('6372••••••••0001');
    expect(confirmText).toContain('Surat kuasa ditunjukkan');
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'handover-done')).toContain(`Sertifikat ${certNumber(2)} diserahkan`);
    await expect.poll(() => page.frameLocator('[data-testid=receipt-preview]').locator('body').innerText()).toContain('Ahmad Fauzi');

    // 6. Budi's certificate again: already handed over, with when, where, by whom and to whom.
    await page.keyboard.press('Enter');
    await waitFocus(page, 'handover-search');
    await page.keyboard.type(budi.nib!);
    await page.keyboard.press('Enter');
    await waitFocus(page, 'handover-number');
    await page.keyboard.type(certNumber(2));
    await page.keyboard.press('Enter');
    await expect.poll(() => text(page, 'already-handed')).toMatch(/SUDAH DISERAHKAN[\s\S]*Meja 1[\s\S]*Rina[\s\S]*Ahmad Fauzi/);

    // 7. Undo Ani's handover (organizer PIN and a reason) from her participant view.
    await page.keyboard.press('Escape'); // clear the number
    await page.keyboard.press('Escape'); // another participant
    await waitFocus(page, 'handover-search');
    await page.keyboard.type(ani.nib!);
    await page.keyboard.press('Enter');
    await waitFocus(page, 'handover-number');
    await page.getByRole('button', { name: 'Lihat Data' }).click();
    await page.getByTestId('participant-certificates').waitFor();
    await expect.poll(() => text(page, 'participant-certificates')).toContain('Diserahkan');
    await page.getByTestId('cert-void-start').click();
    await waitFocus(page, 'pin');
    await page.keyboard.type(PIN);
    await page.keyboard.press('Enter');
    await waitFocus(page, 'cert-void-reason');
    await page.keyboard.type('Salah serah, pemilik belum datang');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => text(page, 'participant-certificates')).toContain(`Serah terima sertifikat ${certNumber(1)} dibatalkan`);
    await expect.poll(() => page.getByTestId('cert-row').first().getAttribute('data-status')).toBe('tersedia');

    // 8. Stock: one to a representative, none in person after the undo, 5 left.
    await page.getByTestId('nav-stock').click();
    await expect.poll(() => text(page, 'stock-rep')).toBe('1');
    expect(await text(page, 'stock-owner')).toBe('0');
    expect(await text(page, 'stock-in')).toBe('5');
    expect(await text(page, 'stock-desk')).toContain('Meja 1');

    expect(problems).toEqual([]);
  });
});
