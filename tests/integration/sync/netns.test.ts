import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Desk } from '../../../electron/core/desk';
import { seedDemoEvent } from '../../../electron/core/demo/seed';
import { checkIn } from '../../../electron/core/services/checkin-service';
import { signIn } from '../../../electron/core/services/event-service';
import { SyncRecords } from '../../../electron/core/store/sync-records';
import { invitation, joinWithCode } from '../../../electron/core/sync/join';
import { requireBuild } from '../../helpers/built-core';
import { useTempDirs } from '../../helpers/temp-dir';
import { eventually, serve, statusOf, type Served } from './serve-process';

/**
 * Three desks in their own network namespaces, each on a veth pair into a bridge that lives in a
 * fourth namespace, with private addresses that exist only inside them. No --peer anywhere: the
 * desks find each other by mDNS. One desk's cable is pulled (its bridge port set down) while
 * everyone keeps checking people in; after it is plugged back, all `loket status` digests agree.
 */
const IP = '/usr/sbin/ip';
const tag = `lk${process.pid}`;
const bridgeNs = `${tag}br`;
const desks = ['a', 'b', 'c'].map((name, i) => ({ name, ns: `${tag}${name}`, port: `v${name}`, addr: `10.231.7.${i + 1}` }));
const made: string[] = [];

function ip(...args: string[]): void {
  execFileSync(IP, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });
}

/** Root with working `ip netns`, or the reason these tests cannot run here. */
function whyNot(): string | null {
  if (process.getuid?.() !== 0) return 'not running as root';
  try {
    ip('netns', 'add', `${tag}probe`);
    ip('netns', 'del', `${tag}probe`);
    return null;
  } catch (error) {
    return `\`ip netns add\` failed: ${String((error as { stderr?: Buffer }).stderr ?? error).trim()}`;
  }
}

const skipReason = whyNot();
if (skipReason) console.warn(`netns sync tests skipped: ${skipReason}`);

function buildNetwork(): void {
  for (const ns of [bridgeNs, ...desks.map((d) => d.ns)]) {
    ip('netns', 'add', ns);
    made.push(ns);
  }
  ip('-n', bridgeNs, 'link', 'add', 'br0', 'type', 'bridge', 'mcast_snooping', '0');
  ip('-n', bridgeNs, 'link', 'set', 'br0', 'up');
  for (const d of desks) {
    ip('-n', bridgeNs, 'link', 'add', d.port, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', d.ns);
    ip('-n', bridgeNs, 'link', 'set', d.port, 'master', 'br0');
    ip('-n', bridgeNs, 'link', 'set', d.port, 'up');
    ip('-n', d.ns, 'link', 'set', 'lo', 'up');
    ip('-n', d.ns, 'addr', 'add', `${d.addr}/24`, 'dev', 'eth0');
    ip('-n', d.ns, 'link', 'set', 'eth0', 'up');
    // mDNS sends to 224.0.0.251: without a route for it the namespace has no way out.
    ip('-n', d.ns, 'route', 'add', '224.0.0.0/4', 'dev', 'eth0');
  }
}

function removeNetwork(): void {
  for (const ns of made.splice(0)) {
    try {
      ip('netns', 'del', ns);
    } catch {
      // Already gone.
    }
  }
}

const tempDir = useTempDirs();
const running: Served[] = [];

function digestOf(dir: string): string {
  const desk = Desk.open(dir);
  try {
    return desk.store.digest();
  } finally {
    desk.close();
  }
}

/** A check-in written by another process on the serving desk's folder, as `loket checkin` does. */
function checkInAt(dir: string, nib: string): void {
  const desk = Desk.open(dir);
  try {
    if (!desk.operator) signIn(desk, `Petugas ${dir.slice(-4)}`);
    checkIn(desk, { nib });
  } finally {
    desk.close();
  }
}

describe.skipIf(skipReason !== null)('desks in network namespaces', () => {
  beforeAll(() => {
    requireBuild();
    buildNetwork();
  });
  afterAll(async () => {
    for (const s of running.splice(0)) await s.stop('SIGKILL');
    removeNetwork();
  });

  it('find each other by mDNS, replicate, and converge after a link is down while both sides write', async () => {
    const t0 = Date.now();
    const lap = (what: string) => console.log(`netns ${what}: ${Date.now() - t0} ms`);
    const dirs = desks.map(() => tempDir());
    const seed = Desk.open(dirs[0]!);
    seedDemoEvent(seed, { count: 30 });
    const nibs = [...seed.view.all()].map((p) => p.nib!).sort();
    // No addresses in the code (nothing serves yet): the other desks get the secret and nothing else.
    const { code } = invitation(seed);
    seed.close();
    for (const dir of dirs.slice(1)) {
      const desk = Desk.open(dir);
      expect((await joinWithCode(desk, code)).from).toBeNull();
      desk.close();
    }

    for (const [i, d] of desks.entries()) {
      running.push(await serve(dirs[i]!, [], { wrap: [IP, 'netns', 'exec', d.ns], extra: ['--host', d.addr, '--announce'] }));
    }
    lap('serving');
    await eventually(async () => expect(new Set(dirs.map(digestOf)).size).toBe(1), 30_000, 200);
    lap('discovered and caught up');
    for (const dir of dirs.slice(1)) {
      const desk = Desk.open(dir);
      const sources = new SyncRecords(desk.db).peers().map((p) => p.source);
      desk.close();
      expect(sources).toContain('mdns');
    }

    dirs.forEach((dir, i) => checkInAt(dir, nibs[i]!));
    await eventually(async () => expect(new Set(dirs.map(digestOf)).size).toBe(1), 15_000, 100);
    lap('check-ins replicated');

    const cut = desks[2]!;
    ip('-n', bridgeNs, 'link', 'set', cut.port, 'down');
    checkInAt(dirs[2]!, nibs[3]!);
    checkInAt(dirs[0]!, nibs[4]!);
    checkInAt(dirs[1]!, nibs[5]!);
    // The same participant at two desks during the partition: one presence, never two.
    checkInAt(dirs[2]!, nibs[6]!);
    checkInAt(dirs[0]!, nibs[6]!);
    await eventually(async () => expect(digestOf(dirs[0]!)).toBe(digestOf(dirs[1]!)), 10_000, 100);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(digestOf(dirs[2]!)).not.toBe(digestOf(dirs[0]!));
    lap('partitioned');

    ip('-n', bridgeNs, 'link', 'set', cut.port, 'up');
    await eventually(async () => expect(new Set(dirs.map(digestOf)).size).toBe(1), 40_000, 200);
    lap('healed');
    const statuses = await Promise.all(dirs.map(statusOf));
    expect(new Set(statuses.map((s) => s.digest)).size).toBe(1);
    expect(statuses.map((s) => s.checkedIn)).toEqual([7, 7, 7]);
    lap('status identical');
  }, 90_000);
});
