import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { generateParticipants } from '../../electron/core/demo/participants';
import { writeCsv } from '../../electron/core/demo/messy-workbook';
import { buildOffThread, OFFLOAD_SLOTS } from '../../electron/core/search-off-thread';
import { SearchIndex, type SearchDoc } from '../../shared/search';
import { builtCore, requireBuild } from '../helpers/built-core';
import { openEventDesk } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

/** The search worker as built (out/core/search-worker.js): what the kiosk and `loket serve` run. */
const workerFile = new URL('../../out/core/search-worker.js', import.meta.url);
const tempDir = useTempDirs();

const QUERIES = ['siti', 'nur', 'hj rusd', 'sarigadng', 'kerupuk haruan', 'dodol amplang', 'rahmah sidiq', 's', 'am', '6281', '0812', '1502'];

const docs = (count: number): SearchDoc[] =>
  generateParticipants(count, 5).map((p, i) => ({ id: `p${i}`, texts: [p.name, p.business], nib: p.nib, phone: p.phone ? `0${p.phone.slice(3)}` : null, sortKey: p.name }));

async function whenReady(index: SearchIndex): Promise<void> {
  while (!index.ready) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A desk large enough for its index to be built on the worker, opened by the built core. */
async function largeDesk() {
  const lib = await builtCore();
  const dir = tempDir();
  openEventDesk(dir, generateParticipants(OFFLOAD_SLOTS + 1_000, 6)).close();
  return { lib, desk: lib.Desk.open(dir) };
}

describe('the search index built on a worker thread', () => {
  beforeAll(requireBuild);

  it('answers as the index built here does while the worker builds, and after, with edits made meanwhile', async () => {
    const all = docs(OFFLOAD_SLOTS + 5_000);
    const here = new SearchIndex(all);
    const there = new SearchIndex(all, { build: false });
    buildOffThread(there, workerFile);
    // An edited name, a new walk-in and a removal while the worker builds from what it was sent.
    const edits: SearchDoc[] = [
      { ...all[7]!, texts: ['Siti Sarigadung', 'Kerupuk Haruan Baru'] },
      { id: 'walk-in', texts: ['Hj. Rusdiana', 'Dodol Amplang'], nib: '6301999999999', phone: null, sortKey: 'Hj. Rusdiana' },
    ];
    for (const ix of [here, there]) {
      for (const edit of edits) ix.upsert(edit);
      ix.remove('p11');
    }
    expect(there.ready).toBe(false);
    for (const q of QUERIES) expect(there.search(q)).toEqual(here.search(q));
    await whenReady(there);
    for (const q of [...QUERIES, '6301999999999', 'rusdiana']) expect(there.search(q)).toEqual(here.search(q));
    expect(there.search('6301999999999')[0]!.id).toBe('walk-in');
  });

  it('builds here when the worker fails, and installs nothing once stopped', async () => {
    const broken = join(tempDir(), 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('no worker today');\n");
    const failed = new SearchIndex(docs(OFFLOAD_SLOTS), { build: false });
    buildOffThread(failed, pathToFileURL(broken));
    await whenReady(failed);
    expect(failed.search('siti').length).toBeGreaterThan(0);

    const dropped = new SearchIndex(docs(OFFLOAD_SLOTS), { build: false });
    const stop = buildOffThread(dropped, workerFile);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(dropped.ready).toBe(false);
  });

  it('is what a large desk opened by the built core searches with, its first search answered before the worker is done', async () => {
    const { lib, desk } = await largeDesk();
    try {
      const first = lib.search(desk, 'siti');
      expect(desk.view.index.ready).toBe(false);
      await whenReady(desk.view.index);
      expect(lib.search(desk, 'siti')).toEqual(first);
    } finally {
      desk.close();
    }
  });

  it('has the postings built again on the worker while an import adds thousands to a large desk, the new participants found meanwhile', async () => {
    const { lib, desk } = await largeDesk();
    try {
      lib.search(desk, 'siti');
      const index = desk.view.index;
      await whenReady(index);
      const hereBuilds = vi.spyOn(index, 'build');
      const installs = vi.spyOn(index, 'install');
      // More than the index takes in beside its postings (4,096), fewer than half the desk.
      const added = generateParticipants(6_000, 61);
      await lib.commitImport(desk, { fileName: 'susulan.csv', content: writeCsv(added, { separator: ';', encoding: 'utf-8', bom: true }) });

      const last = added[added.length - 1]!;
      const found = () => lib.search(desk, last.nib!).map((p) => p.nib);
      expect(found()[0]).toBe(last.nib);
      expect(desk.view.index).toBe(index);
      while (installs.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(found()[0]).toBe(last.nib);
      expect(hereBuilds).not.toHaveBeenCalled();
    } finally {
      desk.close();
    }
  });
});
