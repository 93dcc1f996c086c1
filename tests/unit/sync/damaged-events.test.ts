import { afterEach, describe, expect, it } from 'vitest';
import { damagedEvents } from '../../../electron/core/store/integrity';
import { startLogAudit } from '../../../electron/core/store/log-audit';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundle';
import { syncOverview } from '../../../electron/core/services/sync-service';
import { changeOneLetter } from '../../helpers/damage';
import { importGenerated } from '../../helpers/desk-fixture';
import { importedPair, SimDesk, SimLink, simDirFactory } from './sim-network';

/**
 * Damage inside an old event body (one letter, event #10, far outside the newest events hashed at
 * start-up) must not go unnoticed nor spread: a desk that receives the event re-hashes it and
 * refuses it with an alarm naming the sender, by any path (small frames inflated and decoded on the
 * main thread, catch-up frames decoded on their own, bundles), and the damaged desk finds it itself.
 */
const dirs = simDirFactory();
afterEach(() => dirs.cleanup());

const DAMAGED_SEQ = 10;

/**
 * Desk A with `count` participants and event #10 damaged, and an empty B of the same event. With
 * more than the 2,000 events hashed at start-up, A is closed, damaged and opened again as a desk
 * that starts on such a file; a smaller desk would refuse to start, so it is damaged while it runs.
 */
function damagedPair(count: number): { a: SimDesk; b: SimDesk } {
  const { a, b } = importedPair(dirs, count);
  if (count < 2_000) {
    changeOneLetter(a.dir, a.desk.id, DAMAGED_SEQ);
    return { a, b };
  }
  a.desk.close();
  changeOneLetter(a.dir, a.desk.id, DAMAGED_SEQ);
  a.reopen();
  return { a, b };
}

function expectRefused(a: SimDesk, b: SimDesk, from: string): void {
  const held = b.desk.store.count();
  expect(held).toBe(a.desk.store.count() - 1);
  expect(b.desk.store.eventsAfter(a.desk.id, DAMAGED_SEQ - 1, 1)[0]?.seq).not.toBe(DAMAGED_SEQ);
  // The vector stops short of the damaged event, so a sound copy from another desk is still taken.
  expect(b.desk.store.vector()[a.desk.id]).toBe(DAMAGED_SEQ - 1);
  expect(b.records.alarms()).toMatchObject([{ desk: a.desk.id, seq: DAMAGED_SEQ, peer: from, kind: 'damaged' }]);
}

describe('an event damaged at its sender', () => {
  it('starts the damaged desk (the start-up check hashes only the newest events) but not a full check', () => {
    const { a } = damagedPair(2_100);
    expect(damagedEvents(a.desk.db)).toMatchObject([{ desk: a.desk.id, seq: DAMAGED_SEQ }]);
  });

  it('is refused by a desk catching up in big self-contained frames, with an alarm naming the sender', () => {
    const { a, b } = damagedPair(2_100);
    new SimLink(b, a).flush();
    expectRefused(a, b, a.desk.id);
    const alarm = syncOverview(b.desk).alarms[0]!;
    expect(alarm).toMatchObject({ kind: 'damaged', fromName: a.desk.deskName(a.desk.id), seq: DAMAGED_SEQ });
  });

  it('is refused in small frames inflated against the link’s history, and the link goes on', () => {
    const { a, b } = damagedPair(20);
    const link = new SimLink(b, a);
    link.flush();
    expectRefused(a, b, a.desk.id);
    expect(link.client.session.stats.damaged).toBe(1);
    a.desk.record([{ type: 'desk.named', body: { name: 'Meja Depan' } }], 'Rina');
    link.flush();
    expect(b.desk.store.count()).toBe(a.desk.store.count() - 1);
  });

  it('does not stop a sound copy from another desk from filling the gap', () => {
    const { a, b } = importedPair(dirs, 20);
    const sound = new SimDesk(dirs.make(), Date.now, a.desk.secret);
    new SimLink(sound, a).flush();
    changeOneLetter(a.dir, a.desk.id, DAMAGED_SEQ);
    new SimLink(b, a).flush();
    expect(b.desk.store.vector()[a.desk.id]).toBe(DAMAGED_SEQ - 1);
    new SimLink(b, sound).flush();
    expect(b.desk.store.digest()).toBe(sound.desk.store.digest());
  });

  it('is refused from a bundle file, the alarm naming the desk that wrote it', () => {
    const { a, b } = damagedPair(20);
    const result = importBundle(b.desk, exportBundle(a.desk));
    expect(result.damaged).toEqual([{ desk: a.desk.id, seq: DAMAGED_SEQ }]);
    expectRefused(a, b, `bundle:${a.desk.id}`);
    expect(syncOverview(b.desk).alarms[0]).toMatchObject({ kind: 'damaged', viaBundle: true });
  });

  it('is found by the damaged desk’s background pass, which raises an alarm there and leaves the log as it was', async () => {
    const { a } = damagedPair(2_100);
    const digest = a.desk.store.digest();
    const outcome = await startLogAudit({ db: a.desk.db, deskId: a.desk.id, now: Date.now, delayMs: 0 }).done;
    expect(outcome.checked).toBe(a.desk.store.count());
    expect(outcome.damaged).toEqual([{ desk: a.desk.id, seq: DAMAGED_SEQ }]);
    expect(syncOverview(a.desk).alarms).toMatchObject([{ kind: 'damaged_here', desk: a.desk.id, seq: DAMAGED_SEQ }]);
    expect(a.desk.store.digest()).toBe(digest);
  });

  it('the background pass yields between chunks, so a check-in never waits for the whole log', async () => {
    const { a } = importedPair(dirs, 2_100);
    let turns = 0;
    const tick = setInterval(() => turns++, 0);
    await startLogAudit({ db: a.desk.db, deskId: a.desk.id, now: Date.now, delayMs: 0 }).done;
    clearInterval(tick);
    // 2,100 events and more are re-hashed in chunks of 500: the event loop turned between them.
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});

describe('a purged (redacted) body', () => {
  it('keeps its original hash by design: no alarm from the full check, the background pass or a receiver', async () => {
    const { a, b } = importedPair(dirs, 2_100);
    a.desk.db.transaction(() => a.desk.store.redactPersonal())();
    expect(damagedEvents(a.desk.db)).toEqual([]);
    expect((await startLogAudit({ db: a.desk.db, deskId: a.desk.id, now: Date.now, delayMs: 0 }).done).damaged).toEqual([]);
    new SimLink(b, a).flush();
    expect(b.desk.store.digest()).toBe(a.desk.store.digest());
    expect(b.records.alarms()).toEqual([]);
  });

  it('is damaged when it no longer names the hash it is stored under (its other fields cannot be checked)', () => {
    const { a } = importedPair(dirs, 30);
    a.desk.db.transaction(() => a.desk.store.redactPersonal())();
    // Any of its hex digits, "f" included (it becomes "g"): the hash is new each run.
    changeOneLetter(a.dir, a.desk.id, DAMAGED_SEQ, /(?<="redacted":"[0-9a-f]{10})[0-9a-f]/);
    expect(damagedEvents(a.desk.db).map((e) => e.seq)).toEqual([DAMAGED_SEQ]);
  });
});

describe('a desk that damages nothing', () => {
  it('syncs, bundles and re-hashes without a single alarm', async () => {
    const { a, b } = importedPair(dirs, 2_100);
    importGenerated(a.desk, 10, 9);
    new SimLink(b, a).flush();
    importBundle(b.desk, exportBundle(a.desk));
    expect(b.desk.store.digest()).toBe(a.desk.store.digest());
    expect(damagedEvents(b.desk.db)).toEqual([]);
    expect((await startLogAudit({ db: b.desk.db, deskId: b.desk.id, now: Date.now, delayMs: 0 }).done).damaged).toEqual([]);
    expect(b.records.alarms()).toEqual([]);
  });
});
