import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { afterAll, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { generateParticipants } from '../../electron/core/demo/participants';
import { startServer, type RunningServer } from '../../electron/core/server/http-server';
import { checkIn } from '../../electron/core/services/checkin-service';
import { recordImport } from '../../electron/core/services/import-service';
import { DeskSync } from '../../electron/core/sync/desk-sync';
import { invitation } from '../../electron/core/sync/join';
import type { OnceResult } from '../../electron/core/sync/sync-once';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { openEventDesk } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';
import { serve, type Served } from '../integration/sync/serve-process';
import { bareDurableInsert, bareDurableInsertAfterIdle, percentiles, round, type Percentiles } from './measure';

/**
 * Replication speed: catch-up of 100k events from a `loket serve` process to a new desk over the
 * encrypted WebSocket, live propagation with 3 and 8 desks in a full mesh, bytes on the wire (a
 * counting TCP relay sits in front of the serving side) and, in the same run, PouchDB replicating
 * the same records between two processes over express-pouchdb.
 */
const EVENTS = 100_000;
const LIVE_SAMPLES = 200;
/** Between two live samples, as between two check-ins at real desks (seconds, there). */
const IDLE_MS = 100;
/** PouchDB's batch_size (its default is 100; larger is kinder to it). */
const POUCH_BATCH = 500;

const tempDir = useTempDirs();
const stops: (() => unknown)[] = [];
afterAll(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** Write back what earlier phases left dirty, so it is not flushed in the middle of the next one. */
function settleDisk(): void {
  execFileSync('sync');
}

/** A TCP relay to `target` that counts the bytes it carries both ways. */
async function countingRelay(target: () => number): Promise<{ port: number; bytes: () => number; reset(): void; server: Server }> {
  let bytes = 0;
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: target() });
    client.on('data', (d) => (bytes += d.length));
    upstream.on('data', (d) => (bytes += d.length));
    client.pipe(upstream).pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  stops.push(() => new Promise((r) => server.close(r)));
  return { port: (server.address() as AddressInfo).port, bytes: () => bytes, reset: () => (bytes = 0), server };
}

function spawnLine(args: string[]): { child: ChildProcess; line: Promise<Record<string, number>> } {
  const child = spawn(process.execPath, [join('tests/bench/pouchdb/pouch-process.mjs'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const line = new Promise<Record<string, number>>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (l) => resolve(JSON.parse(l) as Record<string, number>));
    child.once('exit', (code) => reject(new Error(`pouch-process ${args[0]} exited ${code}: ${stderr}`)));
  });
  return { child, line };
}

/** PouchDB replicating between two processes; through the counting relay when `count`, else direct (the timed runs). */
async function pouchCatchUp(docsFile: string, adapter: 'leveldb' | 'memory', count = false): Promise<{ ms: number; docs: number; bytes: number }> {
  const dir = tempDir();
  const server = spawnLine(['serve', docsFile, adapter, dir]);
  stops.push(() => server.child.kill('SIGKILL'));
  const { port } = await server.line;
  const relay = count ? await countingRelay(() => port!) : null;
  settleDisk();
  const pull = spawnLine(['pull', `http://127.0.0.1:${relay?.port ?? port}/events`, String(POUCH_BATCH), adapter, dir]);
  const { ms, docs } = await pull.line;
  server.child.kill('SIGKILL');
  return { ms: ms!, docs: docs!, bytes: relay?.bytes() ?? 0 };
}

/** `loket join` into a new data folder, checked against the source's digest. */
async function joinCatchUp(code: string, digest: string, log: () => string): Promise<OnceResult> {
  const dir = tempDir();
  const joined = await runCli(['join', '--data', dir, '--code', code, '--json']);
  const once = joined.json as OnceResult | null;
  if (!once) throw new Error(`join failed: ${joined.stderr} ${log()}`);
  const fresh = Desk.open(dir);
  const held = { digest: fresh.store.digest(), count: fresh.store.count() };
  fresh.close();
  if (held.digest !== digest) throw new Error(`catch-up incomplete: ${held.count} events: ${joined.stdout}: ${log()}`);
  return once;
}

interface MeshDesk {
  desk: Desk;
  sync: DeskSync;
  server: RunningServer;
}

/** n desks in this process, each serving on loopback and dialling all earlier ones: a full mesh. */
async function mesh(n: number): Promise<MeshDesk[]> {
  const first = openEventDesk(tempDir());
  const desks: MeshDesk[] = [];
  const addresses: string[] = [];
  for (let i = 0; i < n; i++) {
    const desk = i === 0 ? first : Desk.open(tempDir());
    if (i > 0) desk.setMeta('event_secret', first.secret);
    const sync = new DeskSync({ desk });
    const server = await startServer({ desk, staticDir: tempDir(), sync });
    sync.listening('127.0.0.1', server.port, addresses);
    addresses.push(`http://127.0.0.1:${server.port}`);
    desks.push({ desk, sync, server });
    stops.push(() => desk.close(), () => server.close(), () => sync.close());
  }
  const deadline = Date.now() + 30_000;
  while (!desks.every((d) => d.sync.node.connections().filter((c) => c.state === 'open').length === n - 1)) {
    if (Date.now() > deadline) throw new Error(`the ${n}-desk mesh did not form`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return desks;
}

/** Milliseconds from an append on one desk until every other desk holds the event. */
async function liveLatency(desks: MeshDesk[]): Promise<Percentiles> {
  const samples: number[] = [];
  for (let k = 0; k < LIVE_SAMPLES; k++) {
    const origin = desks[k % desks.length]!.desk;
    const others = desks.map((d) => d.desk).filter((d) => d !== origin);
    const seq = origin.store.heldOf(origin.id) + 1;
    const arrived = others.map(
      (d) =>
        new Promise<void>((resolve) => {
          const check = () => {
            if (d.store.heldOf(origin.id) < seq) return;
            off();
            resolve();
          };
          const off = d.onChange(check);
        }),
    );
    const start = performance.now();
    origin.record([{ type: 'operator.signed_in', body: { name: `Petugas ${k}` } }], `Petugas ${k}`);
    await Promise.all(arrived);
    samples.push(performance.now() - start);
    // Let relays and vector messages from this event settle, as between two real check-ins (seconds
    // apart at a desk): they follow RELAY_DELAY_MS (25 ms) after arrival, so wait well past that.
    await new Promise((r) => setTimeout(r, IDLE_MS));
  }
  return percentiles(samples);
}

/**
 * Bytes on the wire per live check-in between two desks: the event, its acknowledgement and the
 * frames around them, counted by the relay the second desk dials the first through (it listens on
 * nothing, so the first cannot dial it straight). Check-ins are what a desk sends all day.
 */
async function liveBytesPerCheckin(): Promise<number> {
  const people = generateParticipants(LIVE_SAMPLES, 3);
  const origin = openEventDesk(tempDir(), people);
  const originSync = new DeskSync({ desk: origin });
  const server = await startServer({ desk: origin, staticDir: tempDir(), sync: originSync });
  originSync.listening('127.0.0.1', server.port);
  const relay = await countingRelay(() => server.port);
  const other = Desk.open(tempDir());
  other.setMeta('event_secret', origin.secret);
  const otherSync = new DeskSync({ desk: other });
  otherSync.node.addPeer(`http://127.0.0.1:${relay.port}`, 'manual');
  stops.push(() => other.close(), () => otherSync.close(), () => origin.close(), () => server.close(), () => originSync.close());
  const holds = (seq: number) => other.store.heldOf(origin.id) >= seq;
  const until = async (done: () => boolean) => {
    while (!done()) await new Promise((r) => setTimeout(r, 5));
  };
  await until(() => holds(origin.store.heldOf(origin.id)));
  await new Promise((r) => setTimeout(r, 200));
  relay.reset();
  for (const p of people) {
    checkIn(origin, { nib: p.nib! });
    await until(() => holds(origin.store.heldOf(origin.id)));
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 200));
  return round(relay.bytes() / people.length, 1);
}

it('sync: catch-up of 100k events, live propagation, bytes on the wire, against PouchDB', async () => {
  requireBuild();
  const results: Record<string, unknown> = {};
  // First, on a quiet disk: the catch-up phases below leave hundreds of megabytes to be written back.
  for (const n of [3, 8]) results[`live${n}`] = await liveLatency(await mesh(n));
  results.floor = bareDurableInsert(tempDir(), 200);
  results.floorIdle = await bareDurableInsertAfterIdle(tempDir(), 60, IDLE_MS);
  results.liveBytesPerCheckin = await liveBytesPerCheckin();
  // Closed now, so the meshes' polls and timers do not run beside the catch-ups.
  for (const stop of stops.splice(0).reverse()) await stop();

  const dirA = tempDir();
  const source = openEventDesk(dirA);
  const people = generateParticipants(EVENTS, 7);
  recordImport(
    source,
    'bench.xlsx',
    { rows: EVENTS, candidates: people.map((fields, i) => ({ fields, source: { sheet: 'S', row: i + 2 } })), errors: [], warnings: [], sheets: [] },
    'bench',
  );
  const total = source.store.count();
  const digest = source.store.digest();
  const docsFile = join(tempDir(), 'docs.json');
  writeFileSync(docsFile, JSON.stringify([...source.store.all()].map((e) => ({ _id: `${e.desk}:${String(e.seq).padStart(10, '0')}`, ...e }))));

  source.close();
  const served: Served = await serve(dirA);
  stops.push(() => served.stop('SIGKILL'));
  const relay = await countingRelay(() => Number(new URL(served.url).port));
  const inviting = Desk.open(dirA);
  const direct = invitation(inviting, [served.url]).code;
  const relayed = invitation(inviting, [`http://127.0.0.1:${relay.port}`]).code;
  inviting.close();

  // The new desk is `loket join` in its own process, as on a real laptop (and with the decode worker the built core has).
  // Timed straight to the serving desk; the bytes are counted in a second, untimed join through the relay.
  settleDisk();
  const once = await joinCatchUp(direct, digest, served.log);
  await joinCatchUp(relayed, digest, served.log);
  const logMs = once.ms - once.deriveMs;
  results.loket = {
    events: total,
    ms: round(logMs),
    eventsPerSecond: round(total / (logMs / 1000)),
    readyMs: once.ms,
    readyEventsPerSecond: round(total / (once.ms / 1000)),
    bytesPerEvent: round(relay.bytes() / total, 1),
  };
  await served.stop();

  // PouchDB's bytes do not depend on its store: counted once, through the relay, on the quicker in-memory one.
  let pouchBytes: number | null = null;
  try {
    const counted = await pouchCatchUp(docsFile, 'memory', true);
    pouchBytes = round(counted.bytes / counted.docs, 1);
  } catch (error) {
    results.pouchdbBytes = { error: (error as Error).message };
  }
  for (const adapter of ['leveldb', 'memory'] as const) {
    const key = adapter === 'leveldb' ? 'pouchdb' : 'pouchdbMemory';
    try {
      const pouch = await pouchCatchUp(docsFile, adapter);
      if (pouch.docs !== total) throw new Error(`PouchDB replicated ${pouch.docs} of ${total}`);
      results[key] = { docs: pouch.docs, ms: round(pouch.ms), docsPerSecond: round(pouch.docs / (pouch.ms / 1000)), bytesPerDoc: pouchBytes };
    } catch (error) {
      results[key] = { error: (error as Error).message };
    }
  }


  const loket = results.loket as { eventsPerSecond: number; ms: number; readyMs: number; readyEventsPerSecond: number; bytesPerEvent: number };
  type PouchResult = { docsPerSecond?: number; ms?: number; bytesPerDoc?: number; error?: string };
  const pouch = results.pouchdb as PouchResult;
  const pouchMemory = results.pouchdbMemory as PouchResult;
  const live3 = results.live3 as Percentiles;
  const live8 = results.live8 as Percentiles;
  const floor = results.floor as Percentiles;
  const floorIdle = results.floorIdle as Percentiles;
  const ratio = (p: PouchResult, perSecond = loket.eventsPerSecond) => (p.docsPerSecond ? `${round(perSecond / p.docsPerSecond, 1)}×` : '—');
  const pouchCell = (p: PouchResult) => (p.ms ? `${round(p.ms / 1000, 1)} s, **${Math.round(p.docsPerSecond!)} docs/s** (batch_size ${POUCH_BATCH})` : `not measured: ${p.error}`);
  const report = [
    `# Sync benchmark (${new Date().toISOString()}, Node ${process.version}, ${EVENTS.toLocaleString('en')} records)`,
    '',
    '| Measure | Loket (AES-256-GCM over WebSocket, SQLite fsync) | PouchDB 9 + express-pouchdb, LevelDB on disk (its Node default) | PouchDB, in-memory both sides |',
    '| --- | --- | --- | --- |',
    `| Catch-up to a new desk: every event stored durably | ${round(loket.ms / 1000, 1)} s, **${Math.round(loket.eventsPerSecond)} events/s** | ${pouchCell(pouch)} | ${pouchCell(pouchMemory)} |`,
    `| Bytes on the wire per record (both directions; target ≤ 200) | ${loket.bytesPerEvent} | ${pouch.bytesPerDoc ?? '—'} | ${pouchMemory.bytesPerDoc ?? '—'} |`,
    `| Bytes on the wire per live check-in, two desks (both directions) | ${results.liveBytesPerCheckin as number} | | |`,
    `| Catch-up throughput ratio, Loket ÷ PouchDB (target ≥ 10×) | | ${ratio(pouch)} | ${ratio(pouchMemory)} |`,
    `| … and the screens' tables derived too (PouchDB builds no views while replicating) | ${round(loket.readyMs / 1000, 1)} s, ${Math.round(loket.readyEventsPerSecond)} events/s | ${ratio(pouch, loket.readyEventsPerSecond)} | ${ratio(pouchMemory, loket.readyEventsPerSecond)} |`,
    `| Live propagation, 3 desks (append → on all), p50 / p95 / max | ${round(live3.p50)} / ${round(live3.p95)} / ${round(live3.max)} ms (n=${live3.n}) | | |`,
    `| Live propagation, 8 desks, p50 / p95 / max (target p95 < 20 ms) | ${round(live8.p50)} / ${round(live8.p95)} / ${round(live8.max)} ms (n=${live8.n}) | | |`,
    `| Floor: a bare durable SQLite insert, back to back, p50 / p95 | ${round(floor.p50)} / ${round(floor.p95)} ms | | |`,
    `| Floor: the same insert after ${IDLE_MS} ms idle (as each live sample), p50 / p95 | ${round(floorIdle.p50)} / ${round(floorIdle.p95)} ms | | |`,
    '',
    'Catch-up: the serving desk is a `loket serve` process, the new desk a `loket join` process (timed from dialling to',
    'done, as `join --json` reports it); PouchDB replicates from an express-pouchdb process into a replica process',
    '(timed inside it). Both are timed talking straight to each other; the bytes are counted in a separate run of each',
    'through a counting TCP relay. The new desk stores the catch-up batch',
    'by batch (each one transaction, fsynced) and derives the participant and certificate tables once at the end: the',
    'second row includes that. Live propagation: desks in one process (one event loop for all), full mesh on loopback; each',
    'desk stores the event durably before it counts as arrived, so one event costs n fsyncs one after another here',
    '(on n laptops they run side by side): compare with the floors measured in the same run.',
  ].join('\n');
  console.log(report);
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/sync.md', `${report}\n`);
  writeFileSync('tests/bench/results/sync.json', JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
});
