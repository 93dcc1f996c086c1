import { beforeAll, describe, expect, it, afterEach } from 'vitest';
import { Desk } from '../../../electron/core/desk';
import { requireBuild } from '../../helpers/built-core';
import { runCli } from '../../helpers/cli';
import { changeOneLetter } from '../../helpers/damage';
import { importGenerated, openEventDesk } from '../../helpers/desk-fixture';
import { useTempDirs } from '../../helpers/temp-dir';
import { eventually, serve, type Served } from './serve-process';

/**
 * One letter changed in event #10 of a desk's file, outside the 2,000 newest events hashed at
 * start-up: the desk still starts, and `loket check` still says OK, but `loket check --full` finds
 * it, the serving desk's background pass finds it, and a fresh `loket join` (catch-up frames
 * decoded on its worker) refuses it with an alarm naming the desk it came from.
 */
const tempDir = useTempDirs();
const running: Served[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop('SIGKILL');
});

interface AlarmJson {
  desk: string;
  seq: number;
  peer: string;
  kind: string;
}

async function alarmsOf(dir: string): Promise<AlarmJson[]> {
  const r = await runCli(['status', '--data', dir, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return (r.json as { alarms: AlarmJson[] }).alarms;
}

describe('an event damaged on disk', () => {
  beforeAll(requireBuild);

  it('is found by check --full and the background pass, and refused by a joining desk', async () => {
    const dir = tempDir();
    const seed = openEventDesk(dir);
    importGenerated(seed, 2_100, 5);
    const { id, total } = { id: seed.id, total: seed.store.count() };
    seed.close();
    changeOneLetter(dir, id, 10);

    const quick = await runCli(['check', '--data', dir, '--json']);
    expect(quick.code, quick.stderr).toBe(0);
    const full = await runCli(['check', '--data', dir, '--full']);
    expect(full.code).toBe(1);
    expect(full.stderr).toContain(`1 events altered, first ${id.slice(0, 6)}:10`);
    expect(full.stderr).toContain('loket restore');

    const served = await serve(dir);
    running.push(served);
    const invite = await runCli(['invite', '--data', dir, '--address', served.url, '--json']);
    const joiner = tempDir();
    const joined = await runCli(['join', '--data', joiner, '--code', (invite.json as { code: string }).code, '--json']);
    expect(joined.code, joined.stderr).toBe(0);
    expect(joined.json).toMatchObject({ inserted: total - 1, damaged: 1 });
    expect(await alarmsOf(joiner)).toMatchObject([{ desk: id, seq: 10, peer: id, kind: 'damaged' }]);
    const fresh = Desk.open(joiner);
    expect(fresh.store.vector()[id]).toBe(9);
    fresh.close();

    // The serving desk's own pass, a few seconds after it started, finds the same event.
    await eventually(async () => expect(await alarmsOf(dir)).toMatchObject([{ desk: id, seq: 10, peer: id, kind: 'damaged' }]), 20_000, 500);
    expect(served.log()).toContain(`INTEGRITY ALARM: event ${id.slice(0, 6)}:10`);
  }, 90_000);
});
