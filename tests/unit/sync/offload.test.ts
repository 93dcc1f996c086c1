import { afterEach, describe, expect, it } from 'vitest';
import { PeerConnection } from '../../../electron/core/sync/connection';
import { decodeSelfContained } from '../../../electron/core/sync/frame-compression';
import { ProtocolError, type Received } from '../../../electron/core/sync/messages';
import { importedPair, SimDesk, simDirFactory } from './sim-network';

/**
 * Big frames are decoded off the main thread and come back in any order; the link must still
 * handle every message in the order it was sent, and a batch that fails to decode must close the
 * link without anything after it being applied.
 */
const dirs = simDirFactory();
afterEach(() => dirs.cleanup());

const pair = (count: number) => importedPair(dirs, count);

/** Decoding that finishes after a pseudo-random delay, so later frames often finish first. */
function slowDecoder(fail: (decoded: Received) => boolean = () => false) {
  let seed = 7;
  return (payload: Buffer) => {
    seed = (seed * 48271) % 2147483647;
    const delay = seed % 15;
    return new Promise<Received>((resolve, reject) =>
      setTimeout(() => {
        const decoded = decodeSelfContained(payload);
        if (fail(decoded)) reject(new ProtocolError('invalid event in batch'));
        else resolve(decoded);
      }, delay),
    );
  };
}

/** A link whose frames arrive asynchronously, as over a socket. */
function connect(a: SimDesk, b: SimDesk, offload: ReturnType<typeof slowDecoder>) {
  let client: PeerConnection | null = null;
  let server: PeerConnection | null = null;
  const later = (to: () => PeerConnection | null) => ({ send: (data: Buffer) => void setImmediate(() => to()?.receive(data)), close: () => {} });
  client = new PeerConnection({ desk: a.desk, keys: a.keys, records: a.records, role: 'client', wire: later(() => server), relayDelayMs: 0, offload });
  server = new PeerConnection({ desk: b.desk, keys: b.keys, records: b.records, role: 'server', wire: later(() => client), relayDelayMs: 0, offload });
  client.start();
  return { client, server };
}

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('frames decoded off the main thread', () => {
  it('are handled in the order they were sent, however late their decoding finishes', async () => {
    const { a, b } = pair(12_000);
    const link = connect(b, a, slowDecoder());
    const handled: (number | string)[] = [];
    const receive = link.client.session.receive.bind(link.client.session);
    link.client.session.receive = (message) => {
      handled.push(message.t === 'events' ? message.events[0]!.seq : message.t);
      receive(message);
    };
    await until(() => link.client.session.peerCaughtUp && link.server.session.acknowledged);
    expect(b.desk.store.digest()).toBe(a.desk.store.digest());
    // A's own desk sent its batches in seq order, then caughtUp: B handled them in that order.
    const batches = handled.filter((h): h is number => typeof h === 'number');
    expect(batches.length).toBeGreaterThan(2);
    expect(batches).toEqual([...batches].sort((x, y) => x - y));
    expect(handled.indexOf('caughtUp')).toBeGreaterThan(handled.lastIndexOf(batches.at(-1)!));
    expect(b.desk.db.prepare('SELECT count(*) FROM participants').pluck().get()).toBe(12_000);
    // Live events after the catch-up still arrive, one small frame each, behind nothing.
    a.desk.record([{ type: 'desk.named', body: { name: 'Meja Depan' } }], 'Rina');
    await until(() => b.desk.store.digest() === a.desk.store.digest());
    expect(link.client.state).toBe('open');
  });

  it('a batch that fails to decode closes the link; nothing sent after it is applied', async () => {
    const { a, b } = pair(8_000);
    let batches = 0;
    // The second events batch is refused, as the worker refuses one holding an invalid event.
    const link = connect(b, a, slowDecoder((decoded) => decoded.t === 'events' && ++batches === 2));
    await until(() => link.client.state === 'closed');
    // Only whole batches before the refused one are held: the vector is exactly what is stored.
    const held = b.desk.store.count();
    expect(held).toBeLessThan(a.desk.store.count());
    const vector = b.desk.store.vector();
    expect(Object.values(vector).reduce((s, v) => s + v, 0)).toBe(held);
    await new Promise((r) => setTimeout(r, 50));
    expect(b.desk.store.count()).toBe(held);
  });
});
