import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../electron/core/desk';
import { SyncRecords } from '../../electron/core/store/sync-records';
import { PeerConnection } from '../../electron/core/sync/connection';
import { FrameError, FrameOpener, FrameSealer, MAX_FRAME_BYTES, MAX_PLAINTEXT_BYTES } from '../../electron/core/sync/frame-codec';
import { ClientHandshake, HandshakeError, ServerHandshake, type DirectionKeys } from '../../electron/core/sync/handshake';
import { deriveEventKeys, type EventKeys } from '../../electron/core/sync/keys';
import { FrameCompressor, FrameInflater, inflateSelfContained } from '../../electron/core/sync/frame-compression';
import { checkedEvents, decodeMessage, ProtocolError } from '../../electron/core/sync/messages';
import { eventHash, HASH_CHECK_CHARS } from '../../electron/core/store/event-hash';
import { canonicalJson } from '../../shared/canonical-json';
import { encodeHlc } from '../../shared/hlc';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { propertyRuns } from '../helpers/property-runs';

/**
 * The sync wire format on hostile input (design.md §3, §4.6), through the exported API only: frames,
 * handshake messages and protocol messages that are random, damaged, replayed, reordered,
 * oversized or made with the wrong key are refused with the module's own error before anything
 * changes, and what was genuine still goes through afterwards wherever the protocol allows.
 */

/** How a frame in flight goes wrong. */
const frameDamage = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('extend' as const), tail: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
  fc.record({ kind: fc.constant('counter' as const), counter: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }),
  fc.record({ kind: fc.constant('length' as const), length: fc.oneof(fc.nat({ max: 200 }), fc.constantFrom(MAX_FRAME_BYTES, 2 ** 32 - 1)) }),
  fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 300 }) }),
  fc.record({ kind: fc.constant('replay' as const), back: fc.nat() }),
  fc.record({ kind: fc.constant('ahead' as const) }),
  fc.record({ kind: fc.constant('wrongKey' as const) }),
  fc.record({ kind: fc.constant('oversized' as const) }),
);
type FrameDamage = typeof frameDamage extends fc.Arbitrary<infer D> ? D : never;

/** One allocation for every oversized case: a frame one byte over the limit, header and all. */
const OVERSIZED = Buffer.alloc(MAX_FRAME_BYTES + 1, 1);

/** The hostile version of `frames[next]`, given the frames sent before and after it. */
function damageFrame(frames: readonly Buffer[], next: number, d: FrameDamage, plaintexts: readonly Buffer[]): Buffer {
  const frame = Buffer.from(frames[next]!);
  switch (d.kind) {
    case 'flip':
      frame[d.at % frame.length]! ^= 1 << d.bit;
      return frame;
    case 'cut':
      return frame.subarray(0, d.at % frame.length);
    case 'extend':
      return Buffer.concat([frame, d.tail]);
    case 'counter':
      frame.writeBigUInt64BE(d.counter, 1);
      return frame;
    case 'length':
      frame.writeUInt32BE(d.length, 9);
      return frame;
    case 'random':
      return Buffer.from(d.bytes);
    case 'replay':
      return next === 0 ? frames[frames.length - 1]! : frames[d.back % next]!;
    case 'ahead':
      return frames[next + 1] ?? frames[0]!;
    case 'wrongKey': {
      // Same counter and plaintext, sealed by someone with another key.
      const stranger = new FrameSealer(randomBytes(32));
      let sealed = stranger.seal(plaintexts[0]!);
      for (let i = 1; i <= next; i++) sealed = stranger.seal(plaintexts[i]!);
      return sealed;
    }
    case 'oversized':
      return OVERSIZED;
  }
}

const HANDSHAKE_STEPS = ['server hello', 'client challenge', 'server proof', 'client proof'] as const;

/** Run a handshake to the end, handing `replace(step, genuine)` to the receiver instead of each genuine message. */
function handshake(clientKeys: EventKeys, serverKeys: EventKeys, replace: (step: number, genuine: Buffer) => Buffer): { client?: DirectionKeys; server?: DirectionKeys; error?: unknown } {
  const client = new ClientHandshake(clientKeys);
  const server = new ServerHandshake(serverKeys);
  try {
    const challenge = server.receive(replace(0, client.start())).reply!;
    const proof = client.receive(replace(1, challenge)).reply!;
    const serverStep = server.receive(replace(2, proof));
    const clientStep = client.receive(replace(3, serverStep.reply!));
    return { client: clientStep.keys!, server: serverStep.keys! };
  } catch (error) {
    return { error };
  }
}

const messageValue = fc.oneof(
  fc.jsonValue(),
  fc.record({ t: fc.constantFrom('hello', 'events', 'caughtUp', 'ack', 'vector', 'bye', '__proto__') }, { requiredKeys: [] }),
  fc.record({
    t: fc.constant('hello'),
    desk: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), fc.string()),
    name: fc.string({ maxLength: 100 }),
    vector: fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.double())),
    now: fc.oneof(fc.nat(), fc.double()),
    addresses: fc.array(fc.oneof(fc.constant('http://192.168.1.2:8080'), fc.string())),
  }),
  fc.record({ t: fc.constantFrom('ack', 'vector'), vector: fc.oneof(fc.dictionary(fc.string(), fc.anything()), fc.anything()) }),
);
/** Events a peer holding the secret might send: real types with random bodies, and odd ones. */
const remoteEvent = fc.record({
  desk: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
  seq: fc.integer({ min: 1, max: 2 ** 31 }),
  hlc: fc.constant(encodeHlc({ wall: 1_716_253_200_000, counter: 0 })),
  operator: fc.string({ maxLength: 20 }),
  type: fc.oneof(
    fc.constantFrom('desk.named', 'participant.imported', 'checkin.recorded', 'checkin.voided', 'event.configured', 'certificate.added', 'conflict.resolved'),
    // Names every object inherits must be unknown types, not schemas.
    fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty'),
    fc.string({ maxLength: 30 }),
  ),
  h: fc.oneof(fc.stringMatching(/^[0-9a-f]{16}$/), fc.string({ maxLength: 20 })),
  body: fc.oneof(fc.anything(), fc.record({ name: fc.string({ maxLength: 100 }) }), fc.record({ participant: fc.string(), via: fc.string() })),
});

describe('fuzz: sync frames', () => {
  it('refuses any frame but the next genuine one, without advancing, and then opens the genuine one', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 200 }), { minLength: 2, maxLength: 6 }), fc.nat(), frameDamage, (texts, at, damage) => {
        const key = randomBytes(32);
        const sealer = new FrameSealer(key);
        const plaintexts = texts.map((t) => Buffer.from(t));
        const frames = plaintexts.map((p) => sealer.seal(p));
        const opener = new FrameOpener(key);
        const next = at % frames.length;
        for (let i = 0; i < next; i++) expect(opener.open(frames[i]!)).toEqual(plaintexts[i]);

        const hostile = damageFrame(frames, next, damage, plaintexts);
        if (hostile.equals(frames[next]!)) return;
        expect(() => opener.open(hostile)).toThrow(FrameError);
        for (let i = next; i < frames.length; i++) expect(opener.open(frames[i]!)).toEqual(plaintexts[i]);
      }),
      propertyRuns(3000),
    );
  });
});

describe('fuzz: frame compression', () => {
  it('gives back every message of a link byte for byte, however big, small or repetitive, in the order sent', () => {
    const message = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.string({ maxLength: 2000 }).map((t) => Buffer.from(t)),
      fc.tuple(fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: 3000 })).map(([t, n]) => Buffer.from(t.repeat(n))),
    );
    fc.assert(
      fc.property(fc.array(message, { maxLength: 30 }), (messages) => {
        const compressor = new FrameCompressor();
        const inflater = new FrameInflater();
        for (const m of messages) {
          const payload = compressor.compress(m);
          const back = inflater.isSelfContained(payload) ? inflateSelfContained(payload) : inflater.inflate(payload);
          expect(back.equals(m)).toBe(true);
        }
      }),
      propertyRuns(300),
    );
  });
});

describe('fuzz: sync handshake', () => {
  const keys = deriveEventKeys('5a'.repeat(32));
  const strangerKeys = deriveEventKeys('a5'.repeat(32));

  it('completes with equal keys only when every message is genuine; anything else is a HandshakeError', () => {
    const replacement = fc.oneof(
      fc.uint8Array({ maxLength: 80 }).map((b) => ({ kind: 'random' as const, bytes: Buffer.from(b) })),
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('replayOld' as const) }),
    );
    // Messages of an earlier, completed handshake between the same desks: a recorded session.
    const old: Buffer[] = [];
    handshake(keys, keys, (_step, genuine) => {
      old.push(genuine);
      return genuine;
    });
    fc.assert(
      fc.property(fc.nat({ max: 3 }), replacement, fc.boolean(), (step, r, stranger) => {
        let changed = false;
        const outcome = handshake(keys, stranger ? strangerKeys : keys, (s, genuine) => {
          if (s !== step) return genuine;
          let hostile: Buffer;
          if (r.kind === 'random') hostile = r.bytes;
          else if (r.kind === 'replayOld') hostile = old[s]!;
          else if (r.kind === 'cut') hostile = genuine.subarray(0, r.at % genuine.length);
          else {
            hostile = Buffer.from(genuine);
            hostile[r.at % hostile.length]! ^= 1 << r.bit;
          }
          changed = !hostile.equals(genuine);
          return hostile;
        });
        if (!changed && !stranger) {
          expect(outcome.client!.send.equals(outcome.server!.receive)).toBe(true);
          expect(outcome.server!.send.equals(outcome.client!.receive)).toBe(true);
        } else {
          expect(outcome.error, `step ${HANDSHAKE_STEPS[step]}`).toBeInstanceOf(HandshakeError);
        }
      }),
      propertyRuns(1000),
    );
  });

  it('refuses a forged proof without changing state, so the genuine proof still completes', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat(), (atServer, forged, useForged) => {
        const client = new ClientHandshake(keys);
        const server = new ServerHandshake(keys);
        const challenge = server.receive(client.start()).reply!;
        const proof = client.receive(challenge).reply!;
        // A well-formed proof message (right magic and kind) with a guessed HMAC.
        const fake = (genuine: Buffer) => Buffer.concat([genuine.subarray(0, 5), useForged % 2 ? forged : Buffer.from(genuine.subarray(5)).reverse()]);
        if (!atServer) {
          expect(() => server.receive(fake(proof))).toThrow(HandshakeError);
          const done = server.receive(proof);
          expect(client.receive(done.reply!).keys!.send.equals(done.keys!.receive)).toBe(true);
        } else {
          const done = server.receive(proof);
          expect(() => client.receive(fake(done.reply!))).toThrow(HandshakeError);
          expect(client.receive(done.reply!).keys!.receive.equals(done.keys!.send)).toBe(true);
        }
      }),
      propertyRuns(200),
    );
  });
});

describe('fuzz: sync messages', () => {
  it('decodes random bytes and random JSON into a valid message or a ProtocolError, nothing else', () => {
    const plaintext = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      messageValue.map((v) => Buffer.from(JSON.stringify(v) ?? 'undefined')),
      fc.array(remoteEvent, { maxLength: 4 }).map((events) => Buffer.from(JSON.stringify({ t: 'events', events }))),
    );
    fc.assert(
      fc.property(plaintext, (bytes) => {
        try {
          const message = decodeMessage(bytes);
          if (message.t === 'events') checkedEvents(message.events);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
        }
      }),
      propertyRuns(2000),
    );
  });
});

describe('fuzz: a desk serving a link', () => {
  const dir = mkdtempSync(join(tmpdir(), 'loket-fuzz-'));
  let desk: Desk;
  let records: SyncRecords;
  let keys: EventKeys;

  beforeAll(() => {
    desk = openEventDesk(dir, [person()]);
    records = new SyncRecords(desk.db);
    keys = deriveEventKeys(desk.secret);
  });
  afterAll(() => {
    desk.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An authenticated link to the desk, the other end played by the test: it knows the secret. */
  function connect(): { server: PeerConnection; send(message: unknown): Buffer; sealRaw(payload: Buffer): Buffer; sent: Buffer[] } {
    const toClient: Buffer[] = [];
    const server = new PeerConnection({ desk, keys, records, role: 'server', wire: { send: (d) => toClient.push(d), close: () => {} }, relayDelayMs: 0 });
    const client = new ClientHandshake(keys);
    server.receive(client.start());
    const proof = client.receive(toClient.shift()!).reply!;
    server.receive(proof);
    const session = client.receive(toClient.shift()!).keys!;
    expect(server.state).toBe('open');
    const sealer = new FrameSealer(session.send);
    const compressor = new FrameCompressor();
    const sent: Buffer[] = [];
    const seal = (message: unknown) => {
      const frame = sealer.seal(compressor.compress(Buffer.from(JSON.stringify(message))));
      sent.push(frame);
      return frame;
    };
    /** A payload sealed as it is, compressed or not: what a hostile peer that knows the secret may send. */
    const sealRaw = (payload: Buffer) => sealer.seal(payload);
    return { server, send: seal, sealRaw, sent };
  }

  let peerSeq = 0;
  const peerId = `fuzzpeer${randomBytes(6).toString('hex')}`;
  const hello = () => ({ t: 'hello', desk: peerId, name: 'Meja Uji', vector: {}, now: Date.now(), addresses: [] });
  /** A new, valid event of the test's desk: what an honest peer would send next, with the start of its hash. */
  const nextEvent = () => {
    const e = { desk: peerId, seq: peerSeq + 1, hlc: encodeHlc({ wall: Date.now(), counter: 0 }), operator: 'Uji', type: 'desk.named', body: { name: `Meja ${peerSeq + 1}` } };
    return { ...e, h: eventHash(e, canonicalJson(e.body)).slice(0, HASH_CHECK_CHARS) };
  };

  it('closes the link on a damaged frame or a message that does not validate, before any change, and keeps serving', () => {
    const hostileMessage = fc.oneof(messageValue, fc.array(remoteEvent, { minLength: 1, maxLength: 3 }).map((events) => ({ t: 'events', events })), fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty').map((type) => ({ t: 'events', events: [{ ...nextEvent(), type }] })));
    const attack = fc.oneof(
      frameDamage.map((damage) => ({ kind: 'frame' as const, damage })),
      hostileMessage.map((message) => ({ kind: 'message' as const, message })),
    );
    let closed = 0;
    fc.assert(
      fc.property(attack, (a) => {
        const link = connect();
        link.server.receive(link.send(hello()));
        const before = desk.store.digest();
        const event = nextEvent();
        const genuine = { t: 'events', events: [event] };
        if (a.kind === 'frame') {
          const frames = [link.sent[0]!, link.send(genuine), link.send({ t: 'caughtUp' })];
          const hostile = damageFrame(frames, 1, a.damage, frames.map(() => Buffer.from(JSON.stringify(genuine))));
          if (hostile.equals(frames[1]!)) return;
          link.server.receive(hostile);
          expect(link.server.state).toBe('closed');
        } else {
          link.server.receive(link.send(a.message));
        }
        if (link.server.state === 'closed') {
          closed++;
          expect(desk.store.digest()).toBe(before);
        }
        // The desk still takes the genuine event from a fresh link.
        const again = connect();
        again.server.receive(again.send(hello()));
        again.server.receive(again.send(genuine));
        expect(again.server.state).toBe('open');
        expect(desk.store.vector()[peerId]).toBe(event.seq);
        peerSeq = event.seq;
        again.server.close('done');
        link.server.close('done');
      }),
      propertyRuns(150),
    );
    expect(closed).toBeGreaterThan(0);
  });

  it('closes the link on a compressed bomb, however it is compressed, inflating no further than the cap, and keeps serving', () => {
    // Valid JSON once inflated (a message padded with spaces): only the cap on inflation refuses it.
    const message = Buffer.from(JSON.stringify({ t: 'vector', vector: {} }));
    const bomb = (bytes: number) => deflateRawSync(Buffer.concat([message, Buffer.alloc(bytes - message.length, 0x20)]), { level: 9 });
    const bombs = [bomb(MAX_PLAINTEXT_BYTES + 1), bomb(64 * 1024 * 1024)];
    // Just under the cap it is an ordinary (if odd) message: the link stays open.
    const fits = bomb(MAX_PLAINTEXT_BYTES);
    fc.assert(
      fc.property(fc.nat({ max: bombs.length - 1 }), fc.constantFrom(0, 1), fc.nat({ max: 3 }), (which, kind, before) => {
        const link = connect();
        link.server.receive(link.send(hello()));
        // Live messages first, so a bomb compressed "with the history" meets a history.
        for (let i = 0; i < before; i++) link.server.receive(link.send({ t: 'vector', vector: {} }));
        const digest = desk.store.digest();
        link.server.receive(link.sealRaw(Buffer.concat([Buffer.of(kind), bombs[which]!])));
        expect(link.server.state).toBe('closed');
        expect(desk.store.digest()).toBe(digest);
        const again = connect();
        again.server.receive(again.send(hello()));
        again.server.receive(again.sealRaw(Buffer.concat([Buffer.of(0), fits])));
        expect(again.server.state).toBe('open');
        again.server.close('done');
      }),
      propertyRuns(12),
    );
  });

  it('refuses a stranger at the handshake and never opens the link', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (secret) => {
        const stranger = deriveEventKeys(Buffer.from(secret).toString('hex'));
        fc.pre(!stranger.auth.equals(keys.auth));
        const toClient: Buffer[] = [];
        const server = new PeerConnection({ desk, keys, records, role: 'server', wire: { send: (d) => toClient.push(d), close: () => {} } });
        const client = new ClientHandshake(stranger);
        server.receive(client.start());
        server.receive(client.receive(toClient.shift()!).reply!);
        expect(server.state).toBe('closed');
        expect(toClient).toEqual([]);
      }),
      propertyRuns(50),
    );
  });
});
