import type { Server } from 'node:http';
import type { SyncRefusalReason, SyncRefusalView } from '../../../shared/api';
import type { Desk } from '../desk';
import { SyncRecords, type PeerSource } from '../store/sync-records';
import { PeerConnection } from './connection';
import { deriveEventKeys, type EventKeys } from './keys';
import type { Hello } from './messages';
import { CLOCK_WARNING_MS } from '../../../shared/hlc';
import { acceptSockets, dialSocket, type Socket } from './ws-transport';

const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 3_000;
const HANDSHAKE_TIMEOUT_MS = 5_000;
/**
 * A desk that dials proves the secret one round trip after connecting; a socket that has not
 * by then is a stranger holding a slot, and goes.
 */
const PROOF_TIMEOUT_MS = 1_500;
/**
 * Unauthenticated sockets this desk keeps in the handshake from any one address (more from it are
 * cut before the WebSocket handshake) and in all (a new one past that pushes out the oldest rather
 * than being turned away). A stranger holding sockets open from one address can only crowd out itself.
 */
const MAX_STRANGERS_PER_HOST = 4;
const MAX_STRANGERS = 64;
const RELAY_DELAY_MS = 25;
/** A refused desk retries every few seconds; one quiet for this long has gone or been fixed. */
const REFUSAL_SHOWN_MS = 60_000;

export interface SyncNodeOptions {
  desk: Desk;
  log?: (line: string) => void;
}

interface Dialer {
  source: PeerSource;
  backoff: number;
  timer: NodeJS.Timeout | null;
  cancel: (() => void) | null;
  connection: PeerConnection | null;
  /** The address turned out to be this desk itself. */
  self: boolean;
}

/**
 * A desk's replication: accepts peers on /sync, dials every address it knows (given, from the join
 * code, from mDNS, learned from peers) and redials with backoff. Each pair of desks keeps one link.
 */
export class SyncNode {
  readonly records: SyncRecords;
  private readonly keys: EventKeys;
  private readonly dialers = new Map<string, Dialer>();
  private readonly open = new Map<string, PeerConnection>();
  private readonly pending = new Set<PeerConnection>();
  /** Accepted sockets that have not proved the secret yet, oldest first, with their remote address. */
  private readonly strangers = new Map<PeerConnection, string>();
  /**
   * Desks that answered but belong to another event or run another version, by host: two desks of
   * different versions dial each other both ways, and that is one desk to fix, not two.
   */
  private readonly refused = new Map<string, SyncRefusalView>();
  private readonly detach: (() => void)[] = [];
  private closed = false;
  /** Where this desk can be reached (known once the server listens), told to peers so they can tell others. */
  addresses: string[] = [];

  constructor(private readonly options: SyncNodeOptions) {
    this.records = new SyncRecords(options.desk.db);
    this.keys = deriveEventKeys(options.desk.secret);
  }

  get tag(): string {
    return this.keys.tag;
  }

  attach(server: Server): void {
    this.detach.push(
      acceptSockets(
        server,
        (socket, host) => this.accept(socket, host),
        (host) => this.strangersFrom(host) < MAX_STRANGERS_PER_HOST,
      ),
    );
  }

  /** Dial the stored peers (from earlier runs, the join code, learned) and the given ones. */
  start(peers: readonly string[] = []): void {
    for (const address of peers) this.records.addPeer(address, 'manual');
    for (const peer of this.records.peers()) this.addPeer(peer.address, peer.source);
  }

  addPeer(address: string, source: PeerSource): void {
    if (this.closed || this.dialers.has(address) || this.addresses.includes(address)) return;
    this.records.addPeer(address, source);
    this.dialers.set(address, { source, backoff: BACKOFF_MIN_MS, timer: null, cancel: null, connection: null, self: false });
    this.dial(address);
  }

  connections(): PeerConnection[] {
    return [...this.open.values()];
  }

  /** Desks refused within the last minute, for the sync screen: only someone at the desks can fix these. */
  refusals(now: number): SyncRefusalView[] {
    return [...this.refused.values()].filter((r) => now - r.at <= REFUSAL_SHOWN_MS).sort((a, b) => a.address.localeCompare(b.address));
  }

  close(): void {
    this.closed = true;
    for (const d of this.dialers.values()) {
      if (d.timer) clearTimeout(d.timer);
      d.cancel?.();
      d.connection?.close('desk stopping');
    }
    for (const c of [...this.open.values(), ...this.pending]) c.close('desk stopping');
    for (const detach of this.detach) detach();
  }

  private dial(address: string): void {
    const dialer = this.dialers.get(address);
    if (!dialer || this.closed || dialer.self) return;
    dialer.timer = null;
    const known = this.records.peers().find((p) => p.address === address)?.desk;
    // Already linked to that desk the other way round: look again later.
    if (known && this.open.has(known)) return this.retry(address, BACKOFF_MAX_MS);
    dialer.cancel = dialSocket(
      address,
      (socket) => {
        dialer.cancel = null;
        dialer.connection = this.connect(socket, 'client', address);
      },
      () => {
        dialer.cancel = null;
        this.retry(address);
      },
    );
  }

  private retry(address: string, delay?: number): void {
    const dialer = this.dialers.get(address);
    if (!dialer || this.closed || dialer.self || dialer.timer) return;
    const wait = delay ?? dialer.backoff * (0.8 + Math.random() * 0.4);
    dialer.backoff = Math.min(dialer.backoff * 2, BACKOFF_MAX_MS);
    dialer.timer = setTimeout(() => this.dial(address), wait);
  }

  private strangersFrom(host: string): number {
    let n = 0;
    for (const h of this.strangers.values()) if (h === host) n++;
    return n;
  }

  private accept(socket: Socket, host: string): void {
    if (this.strangers.size >= MAX_STRANGERS) this.strangers.keys().next().value!.close('handshake pushed out by a newer one');
    const connection = this.connect(socket, 'server', null, host);
    this.strangers.set(connection, host);
    setTimeout(() => {
      if (connection.state === 'handshake') connection.close('no proof of the event secret in time');
    }, PROOF_TIMEOUT_MS).unref();
  }

  private connect(socket: Socket, role: 'client' | 'server', address: string | null, remote = address ? new URL(address).hostname : ''): PeerConnection {
    const connection = new PeerConnection({
      desk: this.options.desk,
      keys: this.keys,
      records: this.records,
      role,
      wire: socket.wire,
      dialed: address,
      addresses: () => [...new Set([...this.addresses, ...this.reachable()])].slice(0, 32),
      relayDelayMs: RELAY_DELAY_MS,
      onAuthenticated: (c) => this.strangers.delete(c),
      onOpen: (c, hello) => this.opened(c, hello, address, remote),
      onClose: (c, reason) => this.closedLink(c, reason, address, remote),
    });
    this.pending.add(connection);
    socket.onMessage((data) => connection.receive(data));
    socket.onClose((proofRefused) => connection.lost(proofRefused));
    setTimeout(() => {
      if (connection.session.peer === null) connection.close('handshake timed out');
    }, HANDSHAKE_TIMEOUT_MS).unref();
    connection.start();
    return connection;
  }

  /** Addresses we have reached a desk at: worth passing on. */
  private reachable(): string[] {
    return [...this.dialers.entries()].filter(([, d]) => d.connection?.session.peer && !d.self).map(([a]) => a);
  }

  private noteRefusal(host: string, refusal: SyncRefusalReason, reason: string): void {
    const now = this.options.desk.now();
    // Said once: a refused desk redials every few seconds.
    if (this.refused.get(host)?.reason !== refusal) this.options.log?.(`sync: refused ${host}: ${reason}`);
    for (const [other, r] of this.refused) if (now - r.at > REFUSAL_SHOWN_MS) this.refused.delete(other);
    this.refused.set(host, { address: host, reason: refusal, at: now });
  }

  private opened(connection: PeerConnection, hello: Hello, address: string | null, remote: string): void {
    this.pending.delete(connection);
    this.refused.delete(remote);
    const desk = this.options.desk;
    // Known even if this link goes as a duplicate: the dialer then stops redialling a desk it is linked to.
    if (address) this.records.setPeerDesk(address, hello.desk);
    const existing = this.open.get(hello.desk);
    if (existing && existing.state === 'open') {
      // Both desks apply the same rule, so they drop the same link: keep the one dialled by the smaller ID.
      const dialer = (c: PeerConnection) => (c.outbound ? desk.id : hello.desk);
      const keepNew = dialer(connection) < dialer(existing);
      (keepNew ? existing : connection).close('duplicate link');
      if (!keepNew) return;
    }
    this.open.set(hello.desk, connection);
    if (address) this.dialers.get(address)!.backoff = BACKOFF_MIN_MS;
    this.options.log?.(`sync: linked with ${hello.name} (${hello.desk})${address ? ` at ${address}` : ''}`);
    const offset = connection.session.clockOffsetMs;
    if (Math.abs(offset) > CLOCK_WARNING_MS) this.options.log?.(`sync: the clock of ${hello.name} is off by ${Math.round(offset / 1000)} s: check that desk's clock`);
    for (const learned of hello.addresses) this.addPeer(learned, 'learned');
  }

  private closedLink(connection: PeerConnection, reason: string, address: string | null, remote: string): void {
    this.pending.delete(connection);
    this.strangers.delete(connection);
    if (connection.refusal) this.noteRefusal(remote, connection.refusal, reason);
    if (this.options.desk.db.open) this.records.flushAdvertised(this.options.desk.now());
    const peer = connection.session.peer;
    if (peer && this.open.get(peer.desk) === connection) {
      this.open.delete(peer.desk);
      this.options.log?.(`sync: link with ${peer.name} closed (${reason})`);
    }
    if (connection.session.stats.conflicts) this.options.log?.(`sync: INTEGRITY ALARM: ${peer?.desk} sent events that differ from ours`);
    if (connection.session.stats.damaged) this.options.log?.(`sync: INTEGRITY ALARM: ${peer?.desk} sent ${connection.session.stats.damaged} damaged events (refused)`);
    if (!address) return;
    const dialer = this.dialers.get(address);
    if (!dialer) return;
    dialer.connection = null;
    if (reason === 'connected to itself') dialer.self = true;
    else this.retry(address);
  }
}
