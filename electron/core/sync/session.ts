import type { Desk } from '../desk';
import type { SyncRecords } from '../store/sync-records';
import { MAX_EVENTS_PER_BATCH, ProtocolError, validEvent, type Hello, type Message, type Vector } from './messages';

export interface SessionStats {
  sent: number;
  inserted: number;
  duplicates: number;
  conflicts: number;
}

export interface SessionIo {
  send(message: Message): void;
  /** Addresses this desk can be reached at, shared so peers learn them. */
  addresses(): string[];
  /** The address we dialled, for an outgoing link; recorded as the peer's contact address. */
  readonly dialed: string | null;
}

/** Above this the peer's clock is flagged ("check this desk's clock"); its events are still taken. */
export const CLOCK_WARNING_MS = 60_000;
const CONTACT_WRITE_MS = 5_000;

/**
 * The replication protocol over one authenticated link, independent of sockets. Each side tells
 * its vector; each then sends every event the other lacks, for every desk it knows (so events
 * travel through intermediaries), marks the end of catch-up, and keeps pushing as its log grows.
 * `estimate` is what the peer is known to hold without a gap; it only grows within a session
 * because the link is reliable and ordered (a lost or reordered frame ends the session).
 */
export class SyncSession {
  peer: Hello | null = null;
  readonly stats: SessionStats = { sent: 0, inserted: 0, duplicates: 0, conflicts: 0 };
  /** The peer has sent everything it had for us at the start (it said caughtUp). */
  peerCaughtUp = false;
  /** The peer has ingested everything we sent during catch-up (it acknowledged our caughtUp). */
  acknowledged = false;
  private readonly estimate: Vector = {};
  private announced: Vector = {};
  private lastContactWrite = 0;
  /** Peer's wall clock minus ours at hello (transit time is noise next to the one-minute warning). */
  clockOffsetMs = 0;

  constructor(
    private readonly desk: Desk,
    private readonly records: SyncRecords,
    private readonly io: SessionIo,
  ) {}

  start(): void {
    this.announced = this.desk.store.vector();
    this.io.send({ t: 'hello', desk: this.desk.id, name: this.desk.deskName(this.desk.id), vector: this.announced, now: this.desk.now(), addresses: this.io.addresses() });
  }

  receive(message: Message): void {
    if (message.t === 'hello') return this.onHello(message);
    const peer = this.peer;
    if (!peer) throw new ProtocolError(`${message.t} before hello`);
    this.noteContact(peer, false);
    switch (message.t) {
      case 'events':
        return this.onEvents(peer, message.events.map(validEvent));
      case 'caughtUp':
        this.peerCaughtUp = true;
        return this.io.send({ t: 'ack', vector: this.desk.store.vector() });
      case 'ack':
        this.merge(message.vector);
        this.acknowledged = true;
        return;
      case 'vector':
        return this.merge(message.vector);
    }
  }

  /** Send whatever the peer lacks according to what we know it holds. */
  push(): void {
    if (!this.peer) return;
    const store = this.desk.store;
    for (const [desk, held] of Object.entries(store.vector())) {
      let from = this.estimate[desk] ?? 0;
      while (from < held) {
        const page = store.eventsAfter(desk, from, Math.min(MAX_EVENTS_PER_BATCH, held - from));
        if (page.length === 0) break;
        this.io.send({ t: 'events', events: page });
        this.stats.sent += page.length;
        this.extend(page);
        from = page.at(-1)!.seq;
      }
    }
  }

  /** Tell the peer our vector if it grew since we last said (events that reached us another way). */
  announce(): void {
    if (!this.peer) return;
    const vector = this.desk.store.vector();
    if (Object.entries(vector).every(([d, s]) => (this.announced[d] ?? 0) >= s)) return;
    this.announced = vector;
    this.io.send({ t: 'vector', vector });
  }

  private onHello(hello: Hello): void {
    if (this.peer) throw new ProtocolError('second hello');
    this.peer = hello;
    this.merge(hello.vector);
    this.noteContact(hello, true);
    if (hello.desk === this.desk.id) return;
    this.push();
    this.io.send({ t: 'caughtUp' });
  }

  private onEvents(peer: Hello, events: ReturnType<typeof validEvent>[]): void {
    const result = this.desk.store.ingest(events);
    this.stats.inserted += result.inserted;
    this.stats.duplicates += result.duplicates;
    this.stats.conflicts += result.conflicts.length;
    for (const c of result.conflicts) this.records.alarm(c.desk, c.seq, peer.desk, this.desk.now());
    // The peer holds what it sent us, and knows we do: never send it back nor announce it.
    this.extend(events);
    for (const e of events) if (e.seq === (this.announced[e.desk] ?? 0) + 1) this.announced[e.desk] = e.seq;
    // Updates the view and fires onChange, which pushes the news on to our other peers.
    this.desk.refresh();
  }

  /** Raise the estimate only over a gap-free run, so a gap is never assumed filled. */
  private extend(events: readonly { desk: string; seq: number }[]): void {
    for (const e of events) if (e.seq === (this.estimate[e.desk] ?? 0) + 1) this.estimate[e.desk] = e.seq;
  }

  private merge(vector: Vector): void {
    this.records.advertise(vector, this.desk.now());
    for (const [desk, seq] of Object.entries(vector)) if (seq > (this.estimate[desk] ?? 0)) this.estimate[desk] = seq;
  }

  private noteContact(peer: Hello, first: boolean): void {
    const now = this.desk.now();
    if (first) this.clockOffsetMs = peer.now - now;
    else if (now - this.lastContactWrite < CONTACT_WRITE_MS) return;
    this.lastContactWrite = now;
    this.records.touch({ desk: peer.desk, lastContact: now, clockOffsetMs: this.clockOffsetMs, address: this.io.dialed });
  }
}
