import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCsv } from '../../electron/core/demo/messy-workbook';
import { generateParticipants } from '../../electron/core/demo/participants';
import { Checkpointer } from '../../electron/core/store/checkpoint-off-thread';
import { damagedEvents } from '../../electron/core/store/integrity';
import { canonicalJson } from '../../shared/canonical-json';
import { builtCore, requireBuild } from '../helpers/built-core';
import { openEventDesk } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

/** The worker as built (out/core/checkpoint-worker.js): what `loket serve` and the kiosk run. */
const workerFile = new URL('../../out/core/checkpoint-worker.js', import.meta.url);
const tempDir = useTempDirs();
const ROWS = 6_000;

/** A desk opened by the built core with a list of `rows` generated participants dry-run, ready to commit. */
async function previewed(rows: number, seed: number) {
  const lib = await builtCore();
  const dir = tempDir();
  openEventDesk(dir).close();
  const desk = lib.Desk.open(dir);
  const input = { fileName: 'daftar.csv', content: writeCsv(generateParticipants(rows, seed), { separator: ';', encoding: 'utf-8' }) };
  await lib.previewImport(desk, input);
  return { lib, dir, desk, commit: () => lib.commitImport(desk, input) };
}

describe("an import's commit through the built core: the WAL copied on a thread of its own", () => {
  beforeAll(requireBuild);

  it("copies the WAL while the commit writes, leaving the desk's thread one checkpoint at the end, and the database whole and sound", async () => {
    const { lib, dir, desk, commit } = await previewed(ROWS, 5);
    const file = join(dir, 'loket.db');
    let onThisThread = 0;
    const checkpoint = desk.store.checkpoint.bind(desk.store);
    desk.store.checkpoint = () => {
      onThisThread++;
      checkpoint();
    };
    // The database file grows only as pages are copied into it from the WAL.
    const before = statSync(file).size;
    let grewMeanwhile = 0;
    const sampler = setInterval(() => (grewMeanwhile = Math.max(grewMeanwhile, statSync(file).size - before)), 10);
    const result = await commit();
    clearInterval(sampler);
    expect(result.imported).toBe(ROWS);
    // Before, the desk's thread copied the WAL after every 1,000 events (six times here) and once at the end.
    expect(onThisThread).toBe(1);
    expect(grewMeanwhile).toBeGreaterThan(0);
    // Everything the commit wrote is in the database file itself, none of it only in the WAL.
    const pages = desk.db.pragma('page_count', { simple: true }) as number;
    expect(statSync(file).size).toBe(pages * (desk.db.pragma('page_size', { simple: true }) as number));
    // The bodies came canonical from the import worker: stored so, and each event matches its hash.
    const bodies = desk.db.prepare("SELECT body FROM events WHERE type = 'participant.imported'").pluck().all() as string[];
    expect(bodies).toHaveLength(ROWS);
    expect(bodies.filter((body) => canonicalJson(JSON.parse(body)) !== body)).toEqual([]);
    expect(damagedEvents(desk.db)).toEqual([]);
    desk.close();
    const reopened = lib.Desk.open(dir);
    expect(reopened.view.size).toBe(ROWS);
    reopened.close();
  });

  it('starts the WAL again every so often, so that it never grows to the size of all the commit writes', async () => {
    const { dir, desk, commit } = await previewed(45_000, 6);
    const wal = join(dir, 'loket.db-wal');
    let largest = 0;
    const sampler = setInterval(() => (largest = Math.max(largest, statSync(wal, { throwIfNoEntry: false })?.size ?? 0)), 10);
    await commit();
    clearInterval(sampler);
    desk.close();
    // 45,000 rows put about 80 MB through the WAL; left to grow, it held all of it (and a
    // 370,000-row list's gigabyte took one check-in 350 ms to cut back).
    expect(largest).toBeGreaterThan(0);
    expect(largest).toBeLessThan(60 * 2 ** 20);
  });

  it.each([
    ['throws', `throw new Error('no copying today');`],
    ['exits', `process.exit(3);`],
  ])('a worker that %s is asked for nothing more (the caller copies from then on), and stopping it does not wait', async (_, source) => {
    const fake = join(tempDir(), 'fake-checkpoint-worker.mjs');
    writeFileSync(fake, `import { parentPort } from 'node:worker_threads';\nparentPort.once('message', () => { ${source} });`);
    const copier = Checkpointer.start(join(tempDir(), 'loket.db'), pathToFileURL(fake))!;
    expect(copier.copy()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(copier.copy()).toBe(false);
    await expect(copier.stop()).resolves.toBeUndefined();
  });

  it('is not started where there is no built worker (the caller copies on its own thread), and the built one stops when told', async () => {
    const dir = tempDir();
    openEventDesk(dir).close();
    const file = join(dir, 'loket.db');
    expect(Checkpointer.start(file, new URL('file:///nonexistent/checkpoint-worker.js'))).toBeNull();
    const copier = Checkpointer.start(file, workerFile)!;
    copier.copy();
    await expect(copier.stop()).resolves.toBeUndefined();
  });
});
