import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Desk } from '../../../electron/core/desk';
import { seedDemoEvent } from '../../../electron/core/demo/seed';
import { requireBuild } from '../../helpers/built-core';
import { runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';
import { serve, type Served } from './serve-process';

/**
 * A stranger on the LAN (no event secret) holds as many sockets at /sync as it can and reopens each
 * the moment the desk closes it. Desks that dial in (`loket sync --once`, `loket join`, the Electron
 * default) must still link. All of 127/8 is loopback on Linux: the flooder speaks from 127.0.0.2,
 * the honest desk from 127.0.0.1, so the desk sees two addresses as it would on the Wi-Fi. The
 * honest desk talks through a relay that holds every chunk for WIFI_DELAY_MS, as a busy venue Wi-Fi
 * does: its handshake then spans hundreds of the flooder's reconnects, and only the limit per
 * address (not pushing out the oldest stranger alone) keeps it from being pushed out.
 */
const FLOOD_SOCKETS = 200;
const FLOODER_ADDRESS = '127.0.0.2';
const WIFI_DELAY_MS = 30;

const tempDir = useTempDirs();
const running: Served[] = [];
const floods: (() => void)[] = [];
afterEach(async () => {
  for (const stop of floods.splice(0)) stop();
  for (const s of running.splice(0)) await s.stop('SIGKILL');
});

/** Idle sockets that never say a word, each reopened when it closes; tells how many were tried so far. */
function flood(url: string): { tried: () => number } {
  let stopped = false;
  let tried = 0;
  const sockets = new Set<WebSocket>();
  const open = () => {
    if (stopped) return;
    tried++;
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/sync`, { localAddress: FLOODER_ADDRESS, perMessageDeflate: false });
    sockets.add(ws);
    ws.on('error', () => undefined);
    ws.on('close', () => {
      sockets.delete(ws);
      setImmediate(open);
    });
  };
  for (let i = 0; i < FLOOD_SOCKETS; i++) open();
  floods.push(() => {
    stopped = true;
    for (const ws of sockets) ws.terminate();
  });
  return { tried: () => tried };
}

/** A TCP relay to `port` that delivers each chunk, in order, WIFI_DELAY_MS after it came. */
async function slowLink(port: number): Promise<string> {
  const relay = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port });
    const forward = (from: Socket, to: Socket) => from.on('data', (d) => setTimeout(() => to.write(d), WIFI_DELAY_MS));
    forward(client, upstream);
    forward(upstream, client);
    const end = () => setTimeout(() => (client.destroy(), upstream.destroy()), WIFI_DELAY_MS);
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  floods.push(() => relay.close());
  return `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
}

/**
 * A TCP relay to `port` that passes on at once the dialling desk's WebSocket upgrade and handshake
 * hello, and holds what it sends after them (its proof) for `holdMs`, as a link stalling mid-handshake.
 */
async function stallAfterHello(port: number, holdMs: number): Promise<string> {
  const relay = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port });
    let chunks = 0;
    client.on('data', (d) => (++chunks <= 2 ? upstream.write(d) : setTimeout(() => upstream.write(d), holdMs)));
    upstream.on('data', (d) => client.write(d));
    const end = () => (client.destroy(), upstream.destroy());
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
  floods.push(() => relay.close());
  return `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
}

async function servedDesk(): Promise<{ served: Served; code: string }> {
  const dir = tempDir();
  const seed = Desk.open(dir);
  seedDemoEvent(seed, { count: 20 });
  seed.close();
  const served = await serve(dir);
  running.push(served);
  const invite = await runCli(['invite', '--data', dir, '--address', served.url, '--json']);
  return { served, code: (invite.json as { code: string }).code };
}

describe('a stranger flooding the handshake', () => {
  beforeAll(requireBuild);

  it('cannot keep a desk from syncing: `loket sync --once` from another address finishes within 2 s, time after time', async () => {
    const { served, code } = await servedDesk();
    const honest = tempDir();
    const joined = await runCli(['join', '--data', honest, '--code', code, '--json']);
    expect(joined.code, joined.stderr).toBe(0);

    const flooder = flood(served.url);
    // Every slot the desk had for strangers is taken and churning before the honest desk dials.
    while (flooder.tried() < FLOOD_SOCKETS * 2) await new Promise((r) => setTimeout(r, 20));
    const overWifi = await slowLink(Number(new URL(served.url).port));
    for (let i = 0; i < 5; i++) {
      const r = await runCli(['sync', '--data', honest, '--peer', overWifi, '--once', '--json']);
      expect(r.code, r.stderr).toBe(0);
      expect((r.json as { ms: number }).ms).toBeLessThan(2_000);
    }
    expect(flooder.tried()).toBeGreaterThan(FLOOD_SOCKETS * 10);
  }, 60_000);

  it('cannot keep a new desk from joining and pulling everything', async () => {
    const { served, code } = await servedDesk();
    flood(served.url);
    await new Promise((r) => setTimeout(r, 300));
    const joined = await runCli(['join', '--data', tempDir(), '--code', code, '--json']);
    expect(joined.code, joined.stderr).toBe(0);
    expect((joined.json as { from: string | null; inserted: number }).from).toBe(served.url);
    expect((joined.json as { inserted: number }).inserted).toBeGreaterThan(20);
  }, 60_000);
});

describe('a link that fails', () => {
  beforeAll(requireBuild);

  it('says why in the operator’s language, never "unexpected error"', async () => {
    const { served } = await servedDesk();
    const other = tempDir();
    const init = await runCli(['init', '--data', other, '--name', 'Acara Lain', '--date', '2024-05-21']);
    expect(init.code, init.stderr).toBe(0);
    const refused = await runCli(['sync', '--data', other, '--peer', served.url, '--once']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Meja di ${served.url} berasal dari acara lain`);
    await served.stop();
    const gone = await runCli(['sync', '--data', other, '--peer', served.url, '--once', '--lang', 'en']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`The desk at ${served.url} cannot be reached`);
    for (const r of [refused, gone]) expect(r.stderr).not.toMatch(/unexpected error|Something went wrong/);
  }, 60_000);

  it('tells a desk of this event whose proof came too late, and was hung up on, that the link was cut, not that it belongs to another event', async () => {
    const { served, code } = await servedDesk();
    const honest = tempDir();
    expect((await runCli(['join', '--data', honest, '--code', code])).code).toBe(0);
    // Held past the desk's 1.5 s wait for a proof: it closes the link right after ours was sent.
    const stalling = await stallAfterHello(Number(new URL(served.url).port), 2_500);
    const [id, en] = await Promise.all([
      runCli(['sync', '--data', honest, '--peer', stalling, '--once']),
      runCli(['sync', '--data', honest, '--peer', stalling, '--once', '--lang', 'en']),
    ]);
    expect([id.code, en.code]).toEqual([1, 1]);
    expect(id.stderr).toBe(`loket: Sambungan ke meja di ${stalling} terputus sebelum pertukaran selesai. Data yang sudah diterima tetap tersimpan; coba lagi.\n`);
    expect(en.stderr).toBe(`loket: The link to the desk at ${stalling} was cut before the exchange finished. Whatever was received is kept; try again.\n`);
  }, 60_000);
});
