import { performance } from 'node:perf_hooks';
import type { Desk } from '../desk';
import type { SyncRecords } from '../store/sync-records';
import type { PreparedEvent } from '../store/prepared-event';
import { encodeEventBatch, MAX_BATCH_BYTES, MAX_EVENTS_PER_BATCH, ProtocolError, type EventId, type Hello, type Message, type Received, type Vector } from './messages';

export interface SessionStats {
  sent: number;
  inserted: number;
  duplicates: number;
  conflicts: number;
  /** Events refused because their body did not match the hash the peer holds them under (each an alarm). */
  damaged: number;
  /** Subjects derived once after catch-up, and how long that took (the screens' tables). */
  derived: number;
  deriveMs: number;
}

export interface SessionIo {
  send(message: Message): void;
  /** A message already encoded as JSON (events batches are built from stored text). */
  sendEncoded(plaintext: Buffer): void;
  /** Addresses this desk can be reached at, shared so peers learn them. */
  addresses(): string[];
  /** The address we dialled, for an outgoing link; recorded as the peer's contact address. */
  readonly dialed: string | null;
}

/**
 * Events batches in flight before the receiver says it stored one ('got'): enough to keep both
 * ends busy (the sender reads and seals the next while the receiver stores one), few enough that a
 * slow receiver holds the sender's buffers to a few megabytes.
 */
export const WINDOW = 3;

/**
 * The replication protocol over one authenticated link, independent of sockets. Each side tells
 * its vector; each then sends every event the other lacks, for every desk it knows (so events
 * travel through intermediaries), marks the end of catch-up, and keeps pushing as its log grows.
 * `estimate` is what the peer is known to hold without a gap; it only grows within a session
 * because the link is reliable and ordered (a lost or reordered frame ends the session).
 * Events go out in batches with at most WINDOW unacknowledged, so a slow peer slows the sender
 * down instead of piling frames up in its memory.
 */
export class SyncSession {
  peer: Hello | null = null;
  readonly stats: SessionStats = { sent: 0, inserted: 0, duplicates: 0, conflicts: 0, damaged: 0, derived: 0, deriveMs: 0 };
  /** The peer has sent everything it had for us at the start (it said caughtUp). */
  peerCaughtUp = false;
  /** The peer has ingested everything we sent during catch-up (it acknowledged our caughtUp). */
  acknowledged = false;
  private readonly estimate: Vector = {};
  private announced: Vector = {};
  /** What we held when the peer said hello: once all of it is sent, we say caughtUp. */
  private catchUpTarget: Vector | null = null;
  private inFlight = 0;
  /** The parts of a batch received so far (messages marked `more`), and their size. */
  private partial: PreparedEvent[] = [];
  private partialDamaged: EventId[] = [];
  private partialBytes = 0;
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

  receive(message: Received): void {
    if (message.t === 'hello') return this.onHello(message);
    const peer = this.peer;
    if (!peer) throw new ProtocolError(`${message.t} before hello`);
    this.noteContact(peer, false);
    switch (message.t) {
      case 'events':
        return this.onPart(peer, message);
      case 'got':
        if (this.inFlight === 0) throw new ProtocolError('got without a batch in flight');
        // Below a full window every pending event went out already; only a full one held some back.
        if (this.inFlight-- === WINDOW) this.push();
        return;
      case 'caughtUp':
        this.peerCaughtUp = true;
        this.deriveBacklog();
        return this.io.send({ t: 'ack', vector: this.desk.store.vector() });
      case 'ack':
        this.merge(message.vector);
        this.acknowledged = true;
        return;
      case 'vector':
        return this.merge(message.vector);
    }
  }

  /**
   * Derive what catch-up batches stored without their derived rows. Runs when the peer has sent
   * everything, and when the link ends before that, so no batch waits for the next open. The
   * screens' readers and the desk's poll then bring the in-memory view up to date.
   */
  deriveBacklog(): void {
    const start = performance.now();
    const derived = this.desk.store.deriveBacklog();
    if (derived === 0) return;
    this.stats.derived += derived;
    this.stats.deriveMs += performance.now() - start;
  }

  /** Send whatever the peer lacks according to what we know it holds, as far as the window allows. */
  push(): void {
    if (!this.peer) return;
    while (this.inFlight < WINDOW) {
      const batch = this.nextBatch();
      if (!batch) break;
      for (const frame of batch.frames) this.io.sendEncoded(frame);
      this.inFlight++;
      this.stats.sent += batch.events.length;
      this.extend(batch.events);
    }
    const target = this.catchUpTarget;
    if (target && Object.entries(target).every(([desk, seq]) => (this.estimate[desk] ?? 0) >= seq)) {
      this.catchUpTarget = null;
      this.io.send({ t: 'caughtUp' });
    }
  }

  private nextBatch(): ReturnType<typeof encodeEventBatch> | null {
    const store = this.desk.store;
    for (const [desk, held] of Object.entries(store.vector())) {
      const from = this.estimate[desk] ?? 0;
      if (from < held) return encodeEventBatch(store.storedBetween(desk, from, held));
    }
    return null;
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
    this.catchUpTarget = this.desk.store.vector();
    this.push();
  }

  private onPart(peer: Hello, part: Extract<Received, { t: 'events' }>): void {
    for (const e of part.events) this.partial.push(e);
    for (const e of part.damaged) this.partialDamaged.push(e);
    this.partialBytes += part.bytes;
    if (this.partial.length + this.partialDamaged.length > MAX_EVENTS_PER_BATCH || this.partialBytes > MAX_BATCH_BYTES) throw new ProtocolError('events batch too large');
    if (part.more) return;
    const events = this.partial;
    const damaged = this.partialDamaged;
    this.partial = [];
    this.partialDamaged = [];
    this.partialBytes = 0;
    this.onEvents(peer, events, damaged);
  }

  private onEvents(peer: Hello, events: PreparedEvent[], damaged: EventId[]): void {
    // During catch-up the batches only store; the touched subjects are derived once at the end.
    const result = this.desk.store.ingestPrepared(events, { derive: this.peerCaughtUp });
    this.stats.inserted += result.inserted;
    this.stats.duplicates += result.duplicates;
    this.stats.conflicts += result.conflicts.length;
    this.stats.damaged += damaged.length;
    const now = this.desk.now();
    for (const c of result.conflicts) this.records.alarm(c.desk, c.seq, peer.desk, now);
    // Never stored, so never passed on: this desk's vector stops short of it until a sound copy comes.
    for (const d of damaged) this.records.alarm(d.desk, d.seq, peer.desk, now, 'damaged');
    // The peer holds what it sent us, and knows we do: never send it back nor announce it.
    this.extend(events);
    for (const e of events) if (e.seq === (this.announced[e.desk] ?? 0) + 1) this.announced[e.desk] = e.seq;
    // Stored durably (the ingest committed): the peer may send the next batch.
    this.io.send({ t: 'got' });
    // Our other peers hear at once; the view follows when these are derived (now, if live).
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
    this.records.seen({ desk: peer.desk, lastContact: now, clockOffsetMs: this.clockOffsetMs, address: this.io.dialed });
  }
}
