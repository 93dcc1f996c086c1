import { spawn, type ChildProcess } from 'node:child_process';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { cliPath } from './built-core';

/** Shared by the end-to-end tests: Debian's Chromium, a real `loket serve`, focus checks. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Start `loket serve` on a free loopback port and resolve with the URL it prints. */
export function startServer(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'serve', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`loket serve did not start:\n${out}\n${err}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = out.match(/Loket: (http:\/\/127\.0\.0\.1:\d+\/?)/);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`loket serve exited with ${code}:\n${out}\n${err}`));
    });
  });
}

/** data-testid (or tag name) of the focused element; a string because this file compiles without the DOM lib. */
export const active = (page: Page) =>
  page.evaluate<string | null>("document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null");

export const text = (page: Page, testId: string) => page.getByTestId(testId).first().innerText();

export async function waitFocus(page: Page, testId: string): Promise<void> {
  await expect.poll(() => active(page), { timeout: 5000 }).toBe(testId);
}

/**
 * Open one of the organizer's screens from "Menu Panitia", giving the PIN when the desk asks for
 * it (an organizer session may still be open), and wait for `ready` on that screen.
 */
export async function openOrganizerScreen(page: Page, item: string, ready: string, pin: string): Promise<void> {
  await page.getByTestId('nav-organizer').click();
  await page.getByTestId(item).click();
  await page.locator(`[data-testid="${ready}"], [data-testid="pin"]`).first().waitFor();
  if (await page.getByTestId('pin').isVisible()) {
    await waitFocus(page, 'pin');
    await page.keyboard.type(pin);
    await page.keyboard.press('Enter');
  }
  await page.getByTestId(ready).first().waitFor();
}
