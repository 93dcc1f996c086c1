import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { createConnection, createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { generateParticipants } from '../../electron/core/demo/participants';
import { recordImport } from '../../electron/core/services/import-service';
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

/** `loket serve` processes on loopback, each dialling all earlier ones (a full mesh), as n laptops would run. */
async function mesh(n: number): Promise<{ desks: MeshDesk[]; close(): Promise<void> }> {
  const first = openEventDesk(tempDir());
  const secret = first.secret;
  first.close();
  const desks: MeshDesk[] = [];
  for (let i = 0; i < n; i++) {
    const dir = i === 0 ? first.dataDir : tempDir();
    if (i > 0) {
      const desk = Desk.open(dir);
      desk.setMeta('event_secret', secret);
      desk.close();
    }
    const served = await serve(dir, desks.map((d) => d.served.url));
    desks.push(await meshDesk(dir, served));
  }
  const close = async () => {
    for (const d of desks) d.close();
    await Promise.all(desks.map((d) => d.served.stop()));
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const heard = await Promise.all(desks.map(async (d) => ((await d.call('syncStatus')) as { desks: { lastContact?: number }[] }).desks.filter((k) => k.lastContact).length));
    if (heard.every((k) => k === n - 1)) return { desks, close };
    if (Date.now() > deadline) {
      await close();
      throw new Error(`the ${n}-desk mesh did not form: ${heard.join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface MeshDesk {
  served: Served;
  id: string;
  /** Its vector entry for `desk`, read from its database as another process may (WAL readers never block it). */
  held(desk: string): number;
  /** Resolves once the desk's screens are told of a change after which it holds `desk`'s `seq`. */
  holds(desk: string, seq: number): Promise<void>;
  call(method: string, input?: unknown): Promise<unknown>;
  close(): void;
}

async function meshDesk(dir: string, served: Served): Promise<MeshDesk> {
  const db = new Database(join(dir, 'loket.db'), { readonly: true });
  const vector = db.prepare('SELECT seq FROM vector WHERE desk = ?').pluck();
  const id = db.prepare("SELECT value FROM meta WHERE key = 'desk_id'").pluck().get() as string;
  const held = (desk: string) => (vector.get(desk) as number | undefined) ?? 0;
  const waiting = new Set<() => void>();
  // The change stream the UI listens to: each desk says so the moment its view holds a new event.
  const stream = await new Promise<IncomingMessage>((resolve, reject) =>
    httpGet(`${served.url}/api/changes`, resolve).on('error', reject),
  );
  stream.on('data', (chunk: Buffer) => {
    if (chunk.includes('event: change')) for (const check of [...waiting]) check();
  });
  return {
    served,
    id,
    held,
    holds: (desk, seq) =>
      new Promise((resolve) => {
        const check = () => {
          if (held(desk) < seq) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
      }),
    call: async (method, input = {}) => {
      const res = await fetch(`${served.url}/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Loket-Client': '1' }, body: JSON.stringify(input) });
      const answer = (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
      if (!answer.ok) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
      return answer.value;
    },
    close: () => {
      stream.destroy();
      db.close();
    },
  };
}

/** Milliseconds from an operator's action on one desk (its API call) until every other desk holds the event and says so. */
async function liveLatency(desks: MeshDesk[]): Promise<Percentiles> {
  const samples: number[] = [];
  for (let k = 0; k < LIVE_SAMPLES; k++) {
    const origin = desks[k % desks.length]!;
    const seq = origin.held(origin.id) + 1;
    const arrived = desks.filter((d) => d !== origin).map((d) => d.holds(origin.id, seq));
    const start = performance.now();
    await origin.call('signIn', { name: `Petugas ${k}` });
    await Promise.all(arrived);
    samples.push(performance.now() - start);
    // Let relays and vector messages from this event settle, as between two real check-ins (seconds
    // apart at a desk): they follow RELAY_DELAY_MS (25 ms) after arrival, so wait well past that.
    await new Promise((r) => setTimeout(r, IDLE_MS));
  }
  return percentiles(samples);
}

it('live only', async () => {
  for (const n of [3, 8]) { const { desks, close } = await mesh(n); console.log('LIVE', n, JSON.stringify(await liveLatency(desks))); await close(); }
  console.log('FLOOR', JSON.stringify(bareDurableInsert(tempDir(), 200)), JSON.stringify(await bareDurableInsertAfterIdle(tempDir(), 60, IDLE_MS)));
});
