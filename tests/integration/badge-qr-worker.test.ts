import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PdfBadge } from '../../electron/core/badges/badge-face';
import { badgesPdf } from '../../electron/core/badges/badge-pdf';
import { OFFLOAD_CODES, qrPathsOffThread } from '../../electron/core/badges/qr-off-thread';
import { QR_CHUNK, qrPath, type QrPath } from '../../electron/core/badges/qr-vector';
import { badgeKeys, signBadge } from '../../electron/core/badges/signing';
import { generateParticipants } from '../../electron/core/demo/participants';
import { newSecret, participantIdFor } from '../../electron/core/ids';
import { requireBuild } from '../helpers/built-core';
import { useTempDirs } from '../helpers/temp-dir';

/** The QR worker as built (out/core/qr-worker.js): what `loket badges` and `loket serve` run. */
const workerFile = new URL('../../out/core/qr-worker.js', import.meta.url);
/** No worker there: the codes are encoded on the thread that draws. */
const NO_WORKER = new URL('file:///nonexistent/qr-worker.js');
const tempDir = useTempDirs();

const secret = newSecret();
const keys = badgeKeys(secret, 'event0000000001');
const COUNT = OFFLOAD_CODES + 2 * QR_CHUNK + 7;
const badges: PdfBadge[] = generateParticipants(COUNT, 11).map((p, i) => ({
  name: p.name,
  business: p.business,
  regency: 'Kota Banjarbaru',
  number: `${String(i).padStart(4, '0')}-ABCD`,
  role: 'Peserta',
  code: signBadge(keys, participantIdFor(secret, p.nib!)),
}));
const codes = badges.map((b) => b.code);
/** The codes as this thread encodes them. */
let here: string[];
const MARK = { size: 1, path: new Uint8Array([49]) };
const header = { event: 'Percepatan Fasilitasi 1000 Sertifikasi Halal', date: 'Selasa, 21 Mei 2024' };
const options = { lang: 'id', stamp: new Date('2024-05-21T00:00:00Z') };

/** As text, which compares many times faster than 5 kB arrays an element at a time. */
const readable = (paths: QrPath[]) => paths.map((p) => `${p.size} ${Buffer.from(p.path).toString('latin1')}`);

async function collect(paths: AsyncIterable<QrPath[]>): Promise<QrPath[][]> {
  const chunks: QrPath[][] = [];
  for await (const chunk of paths) chunks.push(chunk);
  return chunks;
}

/** In a stand-in worker: MARK for each code. */
const MARKS = `(codes) => codes.map(() => ({ size: 1, path: new Uint8Array([49]) }))`;
const MARKED = `parentPort.once('message', (codes) => parentPort.postMessage((${MARKS})(codes)));`;

/** A stand-in worker, from source text. */
function fakeWorker(source: string): URL {
  const file = join(tempDir(), 'fake-qr-worker.mjs');
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${source}`);
  return pathToFileURL(file);
}

describe('QR codes encoded on a worker thread', () => {
  beforeAll(() => {
    requireBuild();
    here = readable(codes.map(qrPath));
  });

  it('a batch is the same PDF, byte for byte, whether its codes are encoded on the worker or here', async () => {
    const onWorker = await badgesPdf(badges, header, 'a4', { ...options, qrWorker: workerFile });
    const onThread = await badgesPdf(badges, header, 'a4', { ...options, qrWorker: NO_WORKER });
    expect(Buffer.from(onWorker).equals(Buffer.from(onThread))).toBe(true);
  });

  it('yields every code, in order, a chunk at a time', async () => {
    const chunks = await collect(qrPathsOffThread(codes, workerFile));
    expect(chunks.map((c) => c.length)).toEqual([...Array(Math.floor(COUNT / QR_CHUNK)).fill(QR_CHUNK), COUNT % QR_CHUNK]);
    expect(readable(chunks.flat())).toEqual(here);
  });

  it("the worker's replies are what is drawn", async () => {
    const chunks = await collect(qrPathsOffThread(codes, fakeWorker(MARKED)));
    expect(chunks.flat()).toEqual(codes.map(() => MARK));
  });

  it.each([
    ['throws', `parentPort.once('message', () => { throw new Error('no QR today'); });`],
    ['exits', `parentPort.once('message', () => process.exit(3));`],
  ])('a worker that %s leaves the codes to this thread', async (_, source) => {
    const chunks = await collect(qrPathsOffThread(codes, fakeWorker(source)));
    expect(readable(chunks.flat())).toEqual(here);
  });

  it('a worker that stops after one chunk leaves the rest to this thread', async () => {
    const once = fakeWorker(`parentPort.once('message', (codes) => { parentPort.postMessage((${MARKS})(codes.slice(0, ${QR_CHUNK}))); process.exit(0); });`);
    const paths = (await collect(qrPathsOffThread(codes, once))).flat();
    expect(paths.slice(0, QR_CHUNK)).toEqual(Array(QR_CHUNK).fill(MARK));
    expect(readable(paths.slice(QR_CHUNK))).toEqual(here.slice(QR_CHUNK));
  });

  it('a small batch is encoded here, without starting a worker', async () => {
    const few = codes.slice(0, OFFLOAD_CODES - 1);
    expect(readable((await collect(qrPathsOffThread(few, fakeWorker(MARKED)))).flat())).toEqual(here.slice(0, few.length));
  });
});

describe('drawing a batch', () => {
  it('lets the thread answer other work between chunks of badges', async () => {
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const start = turns;
    await badgesPdf(badges, header, 'a4', { ...options, qrWorker: NO_WORKER });
    ticking = false;
    expect(turns - start).toBeGreaterThanOrEqual(Math.floor(COUNT / QR_CHUNK));
  });
});
