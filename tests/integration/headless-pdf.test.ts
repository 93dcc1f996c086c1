import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumPdf } from '../../electron/core/platform/chromium-pdf';
import { CHROMIUM } from '../helpers/e2e';

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

describe.skipIf(!existsSync(CHROMIUM))('PDFs from headless Chromium', () => {
  afterEach(() => vi.restoreAllMocks());

  it('launches one browser for every PDF of a session, and one per PDF outside it', { timeout: 60_000 }, async () => {
    const launch = vi.spyOn(chromium, 'launchPersistentContext');
    const docs = await chromiumPdf.session(async () => {
      const side = await Promise.all([chromiumPdf.pdf('<h1>Daftar Hadir</h1>'), chromiumPdf.pdf('<h1>Rekap</h1>')]);
      return [...side, await chromiumPdf.pdf('<h1>Ringkasan</h1>')];
    });
    expect(docs.every(isPdf)).toBe(true);
    expect(launch).toHaveBeenCalledTimes(1);
    await chromiumPdf.pdf('<p>satu</p>');
    await chromiumPdf.pdf('<p>dua</p>');
    expect(launch).toHaveBeenCalledTimes(3);
  });
});
