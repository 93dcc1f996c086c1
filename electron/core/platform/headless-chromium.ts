import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { LoketError } from '../../../shared/errors';
import { findChromium } from './chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Run `work` on a page of the machine's own Chromium/Chrome (never a downloaded one), offline, in
 * a throw-away profile. Only the PNG invitations need it; every PDF is drawn in Node.
 */
export async function withHeadlessPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  const executablePath = findChromium();
  if (!executablePath) throw new LoketError('pdf_unavailable');
  const profile = await mkdtemp(join(tmpdir(), 'loket-chromium-'));
  try {
    // Loaded on first use: playwright-core costs a quarter of a second to load, which a desk or a CLI command that prints nothing should not pay.
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS, offline: true });
    try {
      return await work(await context.newPage());
    } finally {
      await context.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
