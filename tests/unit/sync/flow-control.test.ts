import { afterEach, describe, expect, it } from 'vitest';
import { BATCH_BYTES, decodeMessage, encodeEventBatch, MAX_EVENTS_PER_BATCH } from '../../../electron/core/sync/messages';
import { WINDOW } from '../../../electron/core/sync/session';
import { importedPair, SimDesk, SimLink, simDirFactory } from './sim-network';

/** Flow control of replication batches: a window of batches in flight, each stored whole or not at all. */
const dirs = simDirFactory();
afterEach(() => dirs.cleanup());

const pair = (count: number) => importedPair(dirs, count);

/** Run the handshake and both hellos, delivering nothing else. */
function openLink(a: SimDesk, b: SimDesk): SimLink {
  const link = new SimLink(a, b);
  while (!link.server.session.peer || !link.client.session.peer) link.deliver(link.toServer.length > 0, 0);
  return link;
}

describe('replication flow control', () => {
  it('cuts batches and their frames by encoded size, long multibyte names included, and loses no event between them', () => {
    const stored = Array.from({ length: 400 }, (_, i) => {
      const event = { desk: 'deskaaaaaaaaaaaa', seq: i + 1, hlc: '001716253200000.000000', operator: `Petugas "${'é'.repeat(150)}" ${i}`, type: 'desk.named', h: '0123456789abcdef', body: { name: `Meja ${i}` } };
      return { desk: event.desk, seq: event.seq, json: JSON.stringify(event) };
    });
    const batchBytes = 64 * 1024;
    const frameBytes = 16 * 1024;
    const seen: number[] = [];
    let batches = 0;
    for (let rest = stored; rest.length > 0; batches++) {
      const batch = encodeEventBatch(rest, batchBytes, frameBytes);
      expect(batch.frames.reduce((n, f) => n + f.length, 0)).toBeLessThanOrEqual(batchBytes + batch.frames.length * 64);
      const parts = batch.frames.map((frame) => {
        expect(frame.length).toBeLessThanOrEqual(frameBytes);
        const message = decodeMessage(frame);
        if (message.t !== 'events') throw new Error(`not an events message: ${message.t}`);
        return message;
      });
      // Every frame but the last says more of the batch follows: the receiver stores it whole.
      expect(parts.map((m) => m.more === true)).toEqual(parts.map((_, i) => i < parts.length - 1));
      const events = parts.flatMap((m) => m.events);
      expect(events).toEqual(batch.events.map((e) => JSON.parse(e.json)));
      seen.push(...events.map((e) => e.seq));
      rest = rest.slice(batch.events.length);
    }
    expect(seen).toEqual(stored.map((e) => e.seq));
    expect(batches).toBeGreaterThan(1);
  });

  it('never lets a frame exceed its size, however the event sizes line up against it', () => {
    const stored = Array.from({ length: 60 }, (_, i) => {
      const event = { desk: 'deskaaaaaaaaaaaa', seq: i + 1, hlc: '001716253200000.000000', operator: `Petugas ${'x'.repeat(i % 37)}`, type: 'desk.named', body: { name: `Meja ${i}` } };
      return { desk: event.desk, seq: event.seq, json: JSON.stringify(event) };
    });
    const largest = Math.max(...stored.map((e) => Buffer.byteLength(e.json)));
    for (let frameBytes = largest + 64; frameBytes < largest * 4; frameBytes++) {
      const { frames, events } = encodeEventBatch(stored, BATCH_BYTES, frameBytes);
      expect(events).toHaveLength(stored.length);
      for (const frame of frames) expect(frame.length, `frames of ${frameBytes} bytes`).toBeLessThanOrEqual(frameBytes);
    }
  });

  it('a receiver that does not keep up holds the sender to a window of batches, then gets everything', () => {
    const { a, b } = pair(15_000);
    const link = openLink(b, a);
    // A (the server) answered B's hello with a catch-up far larger than the window allows at once.
    const held = link.toClient.length;
    const queued = link.toClient.reduce((n, f) => n + f.length, 0);
    expect(link.server.session.stats.sent).toBeLessThan(a.desk.store.count());
    // Each batch is several frames of about FRAME_EVENT_BYTES: each frame adds a header and a tag.
    expect(held).toBeGreaterThan(WINDOW);
    expect(queued).toBeLessThanOrEqual(WINDOW * BATCH_BYTES + held * 64);
    // Nothing more goes out while the receiver stays silent, however often the sender is nudged.
    a.desk.record([{ type: 'desk.named', body: { name: 'Meja Depan' } }], 'Rina');
    expect(link.toClient.length).toBe(held);

    link.flush();
    expect(b.desk.store.digest()).toBe(a.desk.store.digest());
    expect(link.client.session.peerCaughtUp).toBe(true);
    expect(link.server.session.stats.sent).toBe(a.desk.store.count());
  });

  it('a batch with one invalid event is refused whole: nothing of it is stored and the link closes', () => {
    const { a, b } = pair(20);
    const first = new SimLink(b, a);
    first.flush();
    first.close();
    const before = { digest: b.desk.store.digest(), vector: b.desk.store.vector() };

    // A's log gains valid events around one that no desk could have recorded (a damaged database).
    a.desk.record([{ type: 'desk.named', body: { name: 'Meja 2' } }], 'Rina');
    const seq = a.desk.store.vector()[a.desk.id]! + 1;
    a.desk.db
      .prepare('INSERT INTO events (desk, seq, hlc, operator, type, body, subject, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(a.desk.id, seq, '000000000000001.000000', 'Rina', 'checkin.recorded', '{"participant":42}', `desk:${a.desk.id}`, 'x');
    a.desk.db.prepare('UPDATE vector SET seq = ? WHERE desk = ?').run(seq, a.desk.id);
    a.desk.record([{ type: 'desk.named', body: { name: 'Meja 3' } }], 'Rina');

    const link = new SimLink(b, a);
    link.flush();
    expect(link.client.state).toBe('closed');
    expect(b.desk.store.digest()).toBe(before.digest);
    expect(b.desk.store.vector()).toEqual(before.vector);
  });

  it('stores a batch only once its last frame arrives, and cuts off a peer whose batch never ends', () => {
    const { a, b } = pair(1);
    const origin = new SimDesk(dirs.make(), Date.now, a.desk.secret);
    for (const name of ['Meja 1', 'Meja 2', 'Meja 3']) origin.desk.record([{ type: 'desk.named', body: { name } }], 'Rina');
    const link = openLink(a, b);
    link.flush();
    const send = (plaintext: Buffer) => {
      link.client['sendPlaintext'](plaintext);
      while (link.toServer.length) link.deliver(true, 0);
    };
    const held = () => b.desk.store.vector()[origin.desk.id] ?? 0;

    const { frames } = encodeEventBatch(origin.desk.store.storedBetween(origin.desk.id, 0, 3), BATCH_BYTES, 200);
    expect(frames).toHaveLength(3);
    send(frames[0]!);
    send(frames[1]!);
    expect(held()).toBe(0);
    send(frames[2]!);
    expect(held()).toBe(3);

    // A peer (it knows the secret) that keeps saying "more" is cut off before it fills this desk's memory.
    const event = [...origin.desk.store.storedBetween(origin.desk.id, 0, 1)][0]!.json;
    const part = Buffer.from(`{"t":"events","more":true,"events":[${Array(MAX_EVENTS_PER_BATCH / 2 + 1).fill(event).join(',')}]}`);
    send(part);
    expect(link.server.state).toBe('open');
    send(part);
    expect(link.server.state).toBe('closed');
  });

  it('a catch-up stores batch after batch and derives once; a link cut halfway leaves nothing underived', () => {
    const { a, b } = pair(6_000);
    const participants = () => b.desk.db.prepare('SELECT count(*) FROM participants').pluck().get() as number;
    const link = openLink(b, a);
    while (b.desk.store.count() === 0) link.deliver(false, 0);
    const stored = b.desk.store.count();
    expect(stored).toBeGreaterThan(1_000);
    expect(stored).toBeLessThan(a.desk.store.count());
    // The first batch is durable and in the vector, its derived rows wait for the end of the catch-up.
    expect(participants()).toBe(0);
    link.close();
    expect(participants()).toBe(b.desk.db.prepare("SELECT count(DISTINCT subject) FROM events WHERE subject LIKE 'p:%'").pluck().get());
    expect(b.desk.store.deriveBacklog()).toBe(0);

    const again = new SimLink(b, a);
    again.flush();
    expect(b.desk.store.digest()).toBe(a.desk.store.digest());
    expect(participants()).toBe(6_000);
    expect(again.client.session.stats.derived).toBeGreaterThan(0);
  });

  it('during a catch-up, a check-in made here and one that arrives live from a third desk go on to the other peers at once', () => {
    const { a, b } = pair(6_000);
    const c = new SimDesk(dirs.make(), Date.now, a.desk.secret);
    const bc = new SimLink(b, c);
    bc.flush();
    const ba = openLink(b, a);
    ba.deliver(false, 0);
    // B holds the first catch-up batch from A; its derivation waits until A says caughtUp.
    expect(ba.client.session.peerCaughtUp).toBe(false);
    const sentBy = (desk: SimDesk) => desk.desk.store.vector()[desk.desk.id] ?? 0;
    const deliverTo = (link: SimLink) => {
      while (link.toServer.length) link.deliver(true, 0);
    };

    c.desk.record([{ type: 'desk.named', body: { name: 'Meja C' } }], 'Rina');
    b.desk.record([{ type: 'desk.named', body: { name: 'Meja B' } }], 'Rina');
    bc.flush();
    deliverTo(ba);
    expect(ba.client.session.peerCaughtUp).toBe(false);
    expect(a.desk.store.vector()[c.desk.id]).toBe(sentBy(c));
    expect(a.desk.store.vector()[b.desk.id]).toBe(sentBy(b));
    expect(c.desk.store.vector()[b.desk.id]).toBe(sentBy(b));

    ba.flush();
    bc.flush();
    for (const desk of [b, c]) expect(desk.desk.store.digest()).toBe(a.desk.store.digest());
  });

  it('an event with a body field this version does not know travels on unchanged, under its origin hash', () => {
    const { a, b } = pair(1);
    const newer = { desk: 'desknewer0000001', seq: 1, hlc: '001716253200000.000000', operator: 'Rina', type: 'desk.named', body: { name: 'Meja 9', warna: 'hijau' } };
    a.desk.store.ingest([newer as never]);
    new SimLink(b, a).flush();
    expect(b.desk.store.digest()).toBe(a.desk.store.digest());
    expect(b.desk.store.eventsAfter(newer.desk, 0, 1)[0]!.body).toEqual(newer.body);
  });
});

