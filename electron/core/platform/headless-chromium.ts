import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { LoketError } from '../../../shared/errors';
import { findChromium } from './chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Browser {
  context: Promise<BrowserContext>;
  profile: Promise<string>;
  users: number;
}

/** Launching Chromium costs more than rendering a short document, so overlapping callers share one browser. */
let shared: Browser | null = null;

function acquire(executablePath: string): Browser {
  if (!shared) {
    const profile = mkdtemp(join(tmpdir(), 'loket-chromium-'));
    // Loaded on first use: playwright-core costs a quarter of a second to load, which a desk or a CLI command that prints nothing should not pay.
    const context = profile.then(async (dir) => {
      const { chromium } = await import('playwright-core');
      return chromium.launchPersistentContext(dir, { executablePath, headless: true, args: ARGS, offline: true });
    });
    shared = { context, profile, users: 0 };
  }
  shared.users++;
  return shared;
}

async function release(browser: Browser): Promise<void> {
  if (--browser.users > 0) return;
  if (shared === browser) shared = null;
  await (await browser.context.catch(() => null))?.close();
  await rm(await browser.profile, { recursive: true, force: true });
}

/** Hold the (shared) browser while `work` runs with its context. */
async function withContext<T>(work: (context: BrowserContext) => Promise<T>): Promise<T> {
  const executablePath = findChromium();
  if (!executablePath) throw new LoketError('pdf_unavailable');
  const browser = acquire(executablePath);
  try {
    return await work(await browser.context);
  } finally {
    await release(browser);
  }
}

/** Run `work` on a page of the machine's own Chromium/Chrome (never a downloaded one), offline, in a throw-away profile. */
export function withHeadlessPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
  return withContext(async (context) => {
    const page = await context.newPage();
    try {
      return await work(page);
    } finally {
      await page.close();
    }
  });
}
