import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromiumPdf } from '../../electron/core/platform/chromium-pdf';
import { CHROMIUM } from '../helpers/e2e';

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

describe.skipIf(!existsSync(CHROMIUM))('PDFs from headless Chromium', () => {
  afterEach(() => vi.restoreAllMocks());

  it('launches one browser for PDFs asked for at the same time, and one per PDF asked for one after another', { timeout: 60_000 }, async () => {
    const launch = vi.spyOn(chromium, 'launchPersistentContext');
    const docs = await Promise.all([chromiumPdf.pdf('<h1>Kartu 1</h1>'), chromiumPdf.pdf('<h1>Kartu 2</h1>'), chromiumPdf.pdf('<h1>Kartu 3</h1>')]);
    expect(docs.every(isPdf)).toBe(true);
    expect(launch).toHaveBeenCalledTimes(1);
    await chromiumPdf.pdf('<p>satu</p>');
    await chromiumPdf.pdf('<p>dua</p>');
    expect(launch).toHaveBeenCalledTimes(3);
  });
});
