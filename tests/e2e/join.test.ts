import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { seedDemoEvent } from '../../electron/core/demo/seed';
import { status } from '../../electron/core/services/status-service';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { CHROMIUM, CHROMIUM_ARGS, startServer } from '../helpers/e2e';
import { qrVideo } from '../helpers/qr-video';
import { useTempDirs } from '../helpers/temp-dir';

/**
 * A new laptop joins the event by holding the organizer's join QR up to its webcam (Chromium's
 * fake camera plays the QR), then pulls everything from the organizer's desk.
 */
const tempDir = useTempDirs();

describe.skipIf(!existsSync(CHROMIUM))('joining a desk with the webcam', () => {
  const servers: ChildProcess[] = [];
  let context: BrowserContext | undefined;

  beforeAll(requireBuild);
  // After each test, before the temporary folders go: Chromium writes into its profile until closed.
  afterEach(async () => {
    await context?.close();
    for (const server of servers) server.kill('SIGTERM');
  });

  it('the first-run screen scans the join QR and the desk arrives on the sign-in screen with the whole event', { timeout: 120_000 }, async () => {
    const organizer = tempDir();
    const seed = Desk.open(organizer);
    seedDemoEvent(seed, { count: 30 });
    const expected = { name: seed.event()!.name, participants: status(seed).participants };
    seed.close();
    const hub = await startServer(organizer);
    servers.push(hub.child);
    const invite = await runCli(['invite', '--data', organizer, '--json']);
    expect(invite.code, invite.stderr).toBe(0);
    const video = join(tempDir(), 'join.y4m');
    await qrVideo((invite.json as { code: string }).code, video);

    const fresh = tempDir();
    const desk = await startServer(fresh);
    servers.push(desk.child);
    context = await chromium.launchPersistentContext(tempDir(), {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'id-ID',
      args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(desk.url);
    await page.getByTestId('join-scan').click();
    await page.getByTestId('camera').waitFor();
    // Joined and pulled: the sign-in screen of the organizer's event.
    await expect.poll(() => page.locator('body').innerText(), { timeout: 30_000 }).toContain(expected.name);
    const digest = async (dir: string) => (await runCli(['status', '--data', dir, '--json'])).json as { participants: number; digest: string };
    await expect.poll(async () => (await digest(fresh)).participants, { timeout: 30_000, interval: 1000 }).toBe(expected.participants);
    // The two desks then hold the same event set, the new desk's own first events included.
    await expect.poll(async () => (await digest(fresh)).digest === (await digest(organizer)).digest, { timeout: 30_000, interval: 1000 }).toBe(true);
    expect(problems).toEqual([]);
  });
});
