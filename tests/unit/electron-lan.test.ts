import { connect } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { Desk } from '../../electron/core/desk';
import { checkIn } from '../../electron/core/services/checkin-service';
import { signIn } from '../../electron/core/services/event-service';
import { DeskSync } from '../../electron/core/sync/desk-sync';
import { LanReplication } from '../../electron/core/sync/lan-replication';
import { openEventDesk, person, PIN, SESSION } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

/** mDNS is recorded rather than sent: the test checks what would be announced, not the LAN's multicast. */
const mdns = vi.hoisted(() => ({ started: [] as { port: number; tag: string; deskId: string }[], closed: 0 }));
vi.mock('../../electron/core/sync/discovery', () => ({
  startDiscovery: (options: { port: number; tag: string; deskId: string }) => {
    mdns.started.push(options);
    return { close: () => mdns.closed++ };
  },
}));

const tempDir = useTempDirs();
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  mdns.started.length = 0;
  mdns.closed = 0;
});

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function electronDesk(): Promise<{ desk: Desk; lan: LanReplication }> {
  const desk = openEventDesk(tempDir(), [person()]);
  const lan = await LanReplication.start(desk, { port: 0 });
  cleanup.push(() => desk.close(), () => lan.close());
  return { desk, lan };
}

describe('LAN sync of the Electron desk', () => {
  it('is off by default: the desk listens on nothing and announces nothing', async () => {
    const { desk, lan } = await electronDesk();
    expect(lan.listening).toBe(false);
    expect(mdns.started).toEqual([]);
    expect(await dispatch(desk, 'lanSettings', {})).toEqual({
      ok: true,
      value: { enabled: false, available: true, listening: false, port: null, addresses: [] },
    });
  });

  it('only the organizer turns it on; then other desks sync with it over /sync and find it by mDNS', async () => {
    const { desk, lan } = await electronDesk();
    expect(await dispatch(desk, 'setLanSettings', { enabled: true })).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
    expect(lan.listening).toBe(false);

    await dispatch(desk, 'unlockOrganizer', { pin: PIN }, SESSION);
    const on = await dispatch(desk, 'setLanSettings', { enabled: true }, SESSION);
    expect(on).toMatchObject({ ok: true, value: { enabled: true, listening: true } });
    const port = lan.port!;
    expect(on.ok && on.value.port).toBe(port);
    expect(mdns.started).toEqual([expect.objectContaining({ port, deskId: desk.id })]);

    // A plain HTTP request gets nothing: this desk's UI and API stay on IPC.
    const page = await fetch(`http://127.0.0.1:${port}/api/status`, { method: 'POST', headers: { 'X-Loket-Client': '1' } });
    expect(page.status).toBe(404);

    // Another desk of the event dials it and its check-in arrives here.
    const other = Desk.open(tempDir());
    other.setMeta('event_secret', desk.secret);
    other.store.ingest([...desk.store.all()]);
    other.refresh();
    signIn(other, 'Budi');
    const otherSync = new DeskSync({ desk: other });
    cleanup.push(() => other.close(), () => otherSync.close());
    otherSync.node.addPeer(`http://127.0.0.1:${port}`, 'manual');
    checkIn(other, { nib: person().nib! });
    await vi.waitFor(() => expect(desk.store.count()).toBe(other.store.count()), { timeout: 10_000 });
    desk.refresh();
    expect(await dispatch(desk, 'status', {})).toMatchObject({ ok: true, value: { checkedIn: 1 } });
  });

  it('turned off again, it stops listening and announcing and forgets its address', async () => {
    const { desk, lan } = await electronDesk();
    await dispatch(desk, 'unlockOrganizer', { pin: PIN }, SESSION);
    await dispatch(desk, 'setLanSettings', { enabled: true }, SESSION);
    const port = lan.port!;
    expect(await refused(port)).toBe(false);
    expect(await dispatch(desk, 'setLanSettings', { enabled: false }, SESSION)).toMatchObject({ ok: true, value: { enabled: false, listening: false, port: null } });
    expect(await refused(port)).toBe(true);
    expect(mdns.closed).toBe(1);
    expect(desk.meta('sync_addresses')).toBeNull();
  });

  it('listens again after a restart when it was left on', async () => {
    const dir = tempDir();
    const desk = openEventDesk(dir);
    await dispatch(desk, 'unlockOrganizer', { pin: PIN }, SESSION);
    await dispatch(desk, 'setLanSettings', { enabled: true }, SESSION);
    desk.close();
    const reopened = Desk.open(dir);
    const lan = await LanReplication.start(reopened, { port: 0 });
    cleanup.push(() => reopened.close(), () => lan.close());
    expect(lan.listening).toBe(true);
    expect(mdns.started).toHaveLength(1);
  });
});
