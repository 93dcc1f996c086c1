import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/core/api/dispatch';
import { Desk } from '../../../electron/core/desk';
import { startServer, type RunningServer } from '../../../electron/core/server/http-server';
import { checkIn } from '../../../electron/core/services/checkin-service';
import { signIn } from '../../../electron/core/services/event-service';
import { SyncRecords } from '../../../electron/core/store/sync-records';
import { DeskSync } from '../../../electron/core/sync/desk-sync';
import { deskSync } from '../../../electron/core/sync/running';
import { openEventDesk, person, PIN, SESSION } from '../../helpers/desk-fixture';
import { useTempDirs } from '../../helpers/temp-dir';
import { eventually } from './serve-process';

/** The UI's sync methods against two desks in this process, linked over real WebSockets on loopback. */
const tempDir = useTempDirs();
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function hub(now?: () => number): Promise<{ desk: Desk; server: RunningServer }> {
  const desk = openEventDesk(tempDir(), [person({ nib: '1111111111111', name: 'Siti' }), person({ nib: '2222222222222', name: 'Ahmad' })], { now });
  const sync = new DeskSync({ desk });
  const server = await startServer({ desk, staticDir: tempDir(), sync });
  sync.listening('127.0.0.1', server.port);
  cleanup.push(() => desk.close(), () => server.close(), () => sync.close());
  return { desk, server };
}

async function call<M extends Parameters<typeof dispatch>[1]>(desk: Desk, method: M, input: unknown) {
  const r = await dispatch(desk, method, input, SESSION);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}`);
  return r.value;
}

describe('invite, joinEvent and syncStatus through the API', () => {
  it('a fresh desk joins with the typed code, pulls everything and then follows live', async () => {
    const a = await hub();
    expect((await dispatch(a.desk, 'invite', { pin: PIN })).ok).toBe(false);
    await call(a.desk, 'unlockOrganizer', { pin: PIN });
    const invitation = await call(a.desk, 'invite', { pin: PIN });
    expect(invitation.code).toMatch(/^LOKET-/);
    expect(invitation.qrPngDataUrl).toMatch(/^data:image\/png;base64,/);

    const b = Desk.open(tempDir());
    const syncB = new DeskSync({ desk: b });
    syncB.start();
    cleanup.push(() => b.close(), () => syncB.close());
    expect(await dispatch(b, 'joinEvent', { code: invitation.code.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })).toMatchObject({
      ok: false,
      error: { code: 'join_code_invalid' },
    });
    // Typed in lower case with spaces instead of dashes: still the same code.
    const info = await call(b, 'joinEvent', { code: invitation.code.toLowerCase().replaceAll('-', ' ') });
    expect(info.event?.eventId).toBe(a.desk.event()!.eventId);
    expect(b.store.digest()).toBe(a.desk.store.digest());
    expect((await dispatch(b, 'joinEvent', { code: invitation.code })).ok).toBe(false);

    // The running node relinked under the event's secret: a check-in at A reaches B by itself.
    checkIn(a.desk, { nib: '1111111111111' });
    await eventually(async () => expect(b.store.digest()).toBe(a.desk.store.digest()), 10_000, 50);
    signIn(b, 'Budi');
    checkIn(b, { nib: '2222222222222' });
    await eventually(async () => expect(a.desk.store.digest()).toBe(b.store.digest()), 10_000, 50);

    const overview = await call(b, 'syncStatus', {});
    expect(overview.lanSync).toBe(true);
    expect(overview.alarms).toEqual([]);
    const self = overview.desks[0]!;
    expect(self).toMatchObject({ id: b.id, self: true });
    const peer = overview.desks.find((d) => d.id === a.desk.id)!;
    expect(peer).toMatchObject({ name: 'Meja 1', linked: true, held: a.desk.store.vector()[a.desk.id], lacking: 0, clockWarning: false });
    expect(peer.lastContact).toBeGreaterThan(Date.now() - 60_000);
  });

  it('a desk of another event is named on both sync screens as refused, nothing passes between them, and the name goes once it stops trying', async () => {
    let later = 0;
    const a = await hub(() => Date.now() + later);
    const stranger = await hub();
    expect(stranger.desk.secret).not.toBe(a.desk.secret);
    const before = { a: a.desk.store.digest(), stranger: stranger.desk.store.digest() };
    const addressOfA = `http://127.0.0.1:${a.server.port}`;
    deskSync(stranger.desk)!.node.addPeer(addressOfA, 'manual');

    await eventually(async () => {
      expect((await call(a.desk, 'syncStatus', {})).refusals).toMatchObject([{ address: '127.0.0.1', reason: 'other_event' }]);
      expect((await call(stranger.desk, 'syncStatus', {})).refusals).toMatchObject([{ address: '127.0.0.1', reason: 'other_event' }]);
    }, 10_000, 50);
    expect(a.desk.store.digest()).toBe(before.a);
    expect(stranger.desk.store.digest()).toBe(before.stranger);
    expect((await call(a.desk, 'syncStatus', {})).desks.map((d) => d.id)).not.toContain(stranger.desk.id);

    deskSync(stranger.desk)!.close();
    // A proof already on the wire when it stopped may still be refused here: let it land first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    later = 50_000;
    expect((await call(a.desk, 'syncStatus', {})).refusals).toHaveLength(1);
    later = 61_000;
    expect((await call(a.desk, 'syncStatus', {})).refusals).toEqual([]);
  });

  it('lacking is what a peer advertised beyond what this desk holds; advertised vectors survive a restart', async () => {
    const a = await hub();
    const own = a.desk.store.vector()[a.desk.id]!;
    const records = new SyncRecords(a.desk.db);
    records.advertise({ [a.desk.id]: own, 'desk-elsewhere-1': 7 }, 1_000);
    records.advertise({ 'desk-elsewhere-1': 9 }, 1_500);
    records.flushAdvertised(1_600);
    const overview = await call(a.desk, 'syncStatus', {});
    expect(overview.addresses).toEqual([`http://127.0.0.1:${a.server.port}`]);
    expect(overview.desks.map((d) => [d.id, d.held, d.lacking, d.lastContact])).toEqual([
      [a.desk.id, own, 0, null],
      ['desk-elsewhere-1', 0, 9, null],
    ]);
  });
});
