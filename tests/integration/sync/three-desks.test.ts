import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Desk } from '../../../electron/core/desk';
import { seedDemoEvent } from '../../../electron/core/demo/seed';
import { status } from '../../../electron/core/services/status-service';
import { requireBuild } from '../../helpers/built-core';
import { runCli } from '../../helpers/cli';
import { useTempDirs } from '../../helpers/temp-dir';
import { eventually, serve, statusOf, type Served } from './serve-process';

const tempDir = useTempDirs();
const running: Served[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop('SIGKILL');
});

async function start(dir: string, peers: string[] = []): Promise<Served> {
  const s = await serve(dir, peers);
  running.push(s);
  return s;
}

async function checkin(dir: string, nib: string): Promise<void> {
  const r = await runCli(['checkin', '--data', dir, '--nib', nib, '--json']);
  expect(r.code, r.stderr).toBe(0);
}

function peek(dir: string): { participants: number; checkedIn: number; digest: string } {
  const desk = Desk.open(dir);
  try {
    const s = status(desk);
    return { participants: s.participants, checkedIn: s.checkedIn, digest: s.digest };
  } finally {
    desk.close();
  }
}

/** All desks report the same participants, check-ins and event-set digest (read in-process: a CLI start costs seconds here). */
async function converged(dirs: string[], checkedIn: number): Promise<void> {
  await eventually(async () => {
    const all = dirs.map(peek);
    for (const s of all) expect({ participants: s.participants, checkedIn: s.checkedIn, digest: s.digest }).toEqual({ participants: all[0]!.participants, checkedIn, digest: all[0]!.digest });
  }, 30_000, 100);
}

describe('three loket serve desks on loopback', () => {
  beforeAll(requireBuild);

  it('join, check in everywhere, lose a desk, SIGKILL one mid-sync, heal: identical, nothing lost or doubled', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    const t0 = Date.now();
    const lap = (what: string) => console.log(`${what}: ${Date.now() - t0} ms`);
    const seed = Desk.open(a);
    seedDemoEvent(seed, { count: 40 });
    const nibs = [...seed.view.all()].map((p) => p.nib!).sort();
    seed.close();

    const deskA = await start(a);
    const invite = await runCli(['invite', '--data', a, '--json']);
    const code = (invite.json as { code: string }).code;
    for (const dir of [b, c]) {
      const joined = await runCli(['join', '--data', dir, '--code', code, '--json']);
      expect(joined.code, joined.stderr).toBe(0);
    }
    lap('joined');
    const deskB = await start(b, [deskA.url]);
    let deskC = await start(c, [deskB.url]);

    // Check-ins on every desk, one participant on two desks at once: present once.
    await Promise.all([checkin(a, nibs[0]!), checkin(b, nibs[1]!), checkin(c, nibs[2]!), checkin(b, nibs[3]!), checkin(c, nibs[3]!)]);
    lap('checked in');
    await converged([a, b, c], 4);
    lap('joined and converged');

    // C goes away; the others go on, and so does C's own CLI on its own folder.
    await deskC.stop();
    await Promise.all([checkin(a, nibs[4]!), checkin(b, nibs[5]!), checkin(c, nibs[6]!)]);
    await converged([a, b], 6);
    deskC = await start(c);
    await converged([a, b, c], 7);
    lap('healed after stop');

    // Many events on A while B catches up; B is killed with SIGKILL in the middle.
    const writer = Desk.open(a);
    const ids = [...writer.view.all()].map((p) => p.id);
    writer.record(Array.from({ length: 4000 }, (_, i) => ({ type: 'participant.edited' as const, body: { id: ids[i % ids.length]!, business: `Usaha ${i}`, prev: null } })), 'Petugas');
    const target = writer.store.count();
    writer.close();
    const watch = Desk.open(b);
    await eventually(async () => {
      const n = watch.store.count();
      expect(n).toBeGreaterThan(target - 4000);
    }, 30_000, 2);
    const held = watch.store.count();
    watch.close();
    await deskB.stop('SIGKILL');
    // Killed as soon as the first batch landed; on a fast machine the catch-up may have just finished.
    lap(held < target ? `B killed mid-sync holding ${held}/${target}` : 'B killed right after catching up');
    await checkin(b, nibs[7]!);
    await start(b);
    await converged([a, b, c], 8);
    lap('healed after SIGKILL');

    const finals = await Promise.all([a, b, c].map(statusOf));
    for (const s of finals) {
      expect({ participants: s.participants, checkedIn: s.checkedIn, digest: s.digest }).toEqual({ participants: 40, checkedIn: 8, digest: finals[0]!.digest });
      expect(s.desks.map((d) => [d.id, d.seq])).toEqual(finals[0]!.desks.map((d) => [d.id, d.seq]));
    }
    for (const dir of [a, b, c]) {
      const desk = Desk.open(dir);
      expect(desk.store.count()).toBe(target + 1);
      const present = [...desk.view.all()].filter((p) => p.checkins.length > 0).map((p) => p.nib).sort();
      expect(present).toEqual(nibs.slice(0, 8));
      desk.close();
    }
  }, 240_000);
});
