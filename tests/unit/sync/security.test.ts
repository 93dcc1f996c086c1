import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../../electron/core/sync/frame-codec';
import { deriveEventKeys } from '../../../electron/core/sync/keys';
import { decodeJoinCode, encodeJoinCode } from '../../../electron/core/sync/join-code';
import { exportBundle, importBundle } from '../../../electron/core/sync/bundle';
import { openEventDesk, person } from '../../helpers/desk-fixture';
import { SimDesk, SimLink, simDirFactory } from './sim-network';

/** design.md §3 and §4.6: a peer without the secret, or a damaged frame, changes nothing. */
const dirs = simDirFactory();
afterEach(() => dirs.cleanup());

function pair(): { a: SimDesk; b: SimDesk } {
  const dir = dirs.make();
  const seed = openEventDesk(dir, [person()]);
  const secret = seed.secret;
  seed.close();
  return { a: new SimDesk(dir, Date.now, secret), b: new SimDesk(dirs.make(), Date.now, secret) };
}

/** An open link with one fresh event from A waiting, undelivered, in the first frame to B. */
function pendingEvent(a: SimDesk, b: SimDesk): SimLink {
  const link = new SimLink(a, b);
  link.flush();
  expect(link.server.state).toBe('open');
  a.desk.record([{ type: 'desk.named', body: { name: 'Meja Baru' } }], 'Rina');
  expect(link.toServer.length).toBe(1);
  return link;
}

function stillServes(a: SimDesk, b: SimDesk): void {
  const link = new SimLink(a, b);
  link.flush();
  expect(link.server.state).toBe('open');
  expect(b.desk.store.digest()).toBe(a.desk.store.digest());
}

describe('sync security', () => {
  it('a desk without the secret learns nothing and changes nothing', () => {
    const { a, b } = pair();
    const before = b.desk.store.digest();
    const stranger = new SimLink(a, b, deriveEventKeys('ab'.repeat(32)));
    stranger.flush();
    expect(stranger.closed).toBe(true);
    expect(stranger.client.session.peer).toBeNull();
    expect(stranger.server.session.peer).toBeNull();
    expect(b.desk.store.digest()).toBe(before);
    // Both ends can tell why: the server saw a proof from another secret, the client was hung up on after its proof.
    expect([stranger.client.refusal, stranger.server.refusal]).toEqual(['other_event', 'other_event']);
    stillServes(a, b);
  });

  it('does not tell a desk hung up on after its proof for another reason (too slow, pushed out) that it belongs to another event', () => {
    const { a, b } = pair();
    const link = new SimLink(a, b);
    link.deliver(true, 0);
    link.deliver(false, 0);
    // The client's proof is on its way: the server gives up on it first, as on a slow link or a flood.
    expect(link.toServer).toHaveLength(1);
    link.server.close('no proof of the event secret in time');
    expect(link.client.state).toBe('closed');
    expect(link.client.refusal).toBeNull();
    stillServes(a, b);
  });

  it.each([
    [2, 'older_version'],
    [4, 'newer_version'],
  ] as const)('refuses the first frame of a desk speaking frame version %i as %s, storing nothing', (version, refusal) => {
    const { a, b } = pair();
    const link = new SimLink(a, b);
    while (link.client.state === 'handshake') link.deliver(link.toServer.length > 0, 0);
    const before = a.desk.store.digest();
    // The server's hello, as a desk of that version would seal it (the version byte is checked before the seal).
    const hello = Buffer.from(link.toClient.shift()!);
    hello[0] = version;
    link.client.receive(hello);
    expect(link.client.state).toBe('closed');
    expect(link.client.refusal).toBe(refusal);
    expect(link.client.session.peer).toBeNull();
    expect(a.desk.store.digest()).toBe(before);
    stillServes(a, b);
  });

  it.each([
    ['tampered', (f: Buffer) => Buffer.concat([f.subarray(0, 20), Buffer.of(f[20]! ^ 1), f.subarray(21)])],
    ['truncated', (f: Buffer) => f.subarray(0, f.length - 1)],
    ['header changed', (f: Buffer) => Buffer.concat([f.subarray(0, 8), Buffer.of(f[8]! ^ 1), f.subarray(9)])],
    ['oversized', () => Buffer.alloc(MAX_FRAME_BYTES + 1)],
    ['garbage', () => Buffer.from('not a frame')],
  ])('rejects a %s frame, closes the link, keeps serving', (_name, damage) => {
    const { a, b } = pair();
    const link = pendingEvent(a, b);
    const before = b.desk.store.digest();
    link.server.receive(damage(link.toServer.shift()!));
    expect(link.server.state).toBe('closed');
    expect(b.desk.store.digest()).toBe(before);
    stillServes(a, b);
  });

  it('rejects a replayed frame, within the session and in a new one', () => {
    const { a, b } = pair();
    const link = pendingEvent(a, b);
    const frame = link.toServer[0]!;
    link.deliver(true, 0);
    const after = b.desk.store.digest();
    link.server.receive(frame);
    expect(link.server.state).toBe('closed');
    const next = new SimLink(a, b);
    next.flush();
    next.server.receive(frame);
    expect(next.server.state).toBe('closed');
    expect(b.desk.store.digest()).toBe(after);
  });

  it('raises an integrity alarm for the same (desk, seq) with other content, keeping the original', () => {
    const { a, b } = pair();
    const original = [...a.desk.store.all()].at(-1)!;
    // A third desk that knows the secret holds a different event under an existing (desk, seq).
    const c = new SimDesk(dirs.make(), Date.now, a.desk.secret);
    c.desk.store.ingest([...a.desk.store.all()].slice(0, -1));
    c.desk.store.ingest([{ ...original, operator: 'Palsu' }]);
    // B, lacking both versions, hears from A and C at once: the second copy raises the alarm.
    const links = [new SimLink(a, b), new SimLink(c, b)];
    while (links.some((l) => l.pending)) for (const l of links) if (l.pending) l.deliver(l.toServer.length > 0, 0);
    expect(b.records.alarms()).toMatchObject([{ desk: original.desk, seq: original.seq, peer: c.desk.id }]);
    expect([...b.desk.store.all()].at(-1)!.operator).toBe(original.operator);
  });

  it('join codes round-trip and catch typos', () => {
    const info = { eventId: 'jg3spzxg62ozwhhw', secret: 'c0'.repeat(32), addresses: ['http://192.168.1.20:8080'] };
    const code = encodeJoinCode(info);
    expect(decodeJoinCode(code.toLowerCase())).toEqual(info);
    const typo = code.slice(0, 20) + (code[20] === 'A' ? 'B' : 'A') + code.slice(21);
    expect(() => decodeJoinCode(typo)).toThrow(/typo|damaged|address/);
  });

  it('bundles import idempotently and refuse any changed byte or another event', () => {
    const { a, b } = pair();
    const bundle = exportBundle(a.desk);
    expect(importBundle(b.desk, bundle).inserted).toBe(a.desk.store.count());
    expect(importBundle(b.desk, bundle).inserted).toBe(0);
    expect(b.desk.store.digest()).toBe(a.desk.store.digest());
    const flipped = Buffer.from(bundle);
    flipped[flipped.length - 40]! ^= 1;
    expect(() => importBundle(b.desk, flipped)).toThrow(expect.objectContaining({ code: 'bundle_foreign' }));
    const other = new SimDesk(dirs.make(), Date.now, 'cd'.repeat(32));
    expect(() => importBundle(other.desk, bundle)).toThrow(expect.objectContaining({ code: 'bundle_foreign' }));
    expect(other.desk.store.count()).toBe(0);
    expect(() => importBundle(other.desk, Buffer.from('PK\x03\x04 a spreadsheet, not a bundle'))).toThrow(expect.objectContaining({ code: 'bundle_unreadable' }));
  });
});
