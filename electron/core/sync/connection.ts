import type { Desk } from '../desk';
import type { SyncRecords } from '../store/sync-records';
import { FrameOpener, FrameSealer } from './frame-codec';
import { ClientHandshake, ServerHandshake } from './handshake';
import type { EventKeys } from './keys';
import { decodeMessage, type Hello, type Message } from './messages';
import { SyncSession } from './session';

/** Bytes out of a connection: a WebSocket in production, a simulated network in tests. */
export interface Wire {
  send(data: Buffer): void;
  close(): void;
}

export interface ConnectionOptions {
  desk: Desk;
  keys: EventKeys;
  records: SyncRecords;
  role: 'client' | 'server';
  wire: Wire;
  /** The URL dialled, for outgoing connections. */
  dialed?: string | null;
  addresses?: () => string[];
  /**
   * Events that reached us from a third desk are relayed after this delay, so that peers which got
   * them directly can say so first (a 'vector' message) and a mesh does not carry every event n² times.
   * 0 relays at once (the deterministic simulation).
   */
  relayDelayMs?: number;
  onOpen?(connection: PeerConnection, hello: Hello): void;
  onProgress?(connection: PeerConnection): void;
  onClose?(connection: PeerConnection, reason: string): void;
}

/**
 * One link to one peer: handshake, then sealed frames carrying the sync protocol. Any failure
 * (wrong secret, a frame that does not authenticate, is out of sequence, too big or malformed)
 * closes this link and only this link; nothing it carried before the failure is applied twice.
 */
export class PeerConnection {
  state: 'handshake' | 'open' | 'closed' = 'handshake';
  readonly session: SyncSession;
  private readonly handshake: ClientHandshake | ServerHandshake;
  private sealer: FrameSealer | null = null;
  private opener: FrameOpener | null = null;
  private unsubscribe: (() => void) | null = null;
  private relayTimer: NodeJS.Timeout | null = null;
  private ownSeq: number;

  constructor(private readonly options: ConnectionOptions) {
    const { desk, keys, role } = options;
    this.handshake = role === 'client' ? new ClientHandshake(keys) : new ServerHandshake(keys);
    this.session = new SyncSession(desk, options.records, {
      send: (message) => this.sendMessage(message),
      addresses: options.addresses ?? (() => []),
      dialed: options.dialed ?? null,
    });
    this.ownSeq = desk.store.vector()[desk.id] ?? 0;
  }

  get outbound(): boolean {
    return this.options.role === 'client';
  }

  start(): void {
    if (this.handshake instanceof ClientHandshake) this.options.wire.send(this.handshake.start());
  }

  receive(data: Uint8Array): void {
    if (this.state === 'closed') return;
    try {
      if (this.state === 'handshake') return this.advanceHandshake(data);
      const message = decodeMessage(this.opener!.open(data));
      const hadPeer = this.session.peer !== null;
      this.session.receive(message);
      if (!hadPeer && this.session.peer) this.opened(this.session.peer);
      this.options.onProgress?.(this);
    } catch (error) {
      this.close((error as Error).message);
    }
  }

  close(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.unsubscribe?.();
    if (this.relayTimer) clearTimeout(this.relayTimer);
    this.options.wire.close();
    this.options.onClose?.(this, reason);
  }

  private advanceHandshake(data: Uint8Array): void {
    const step = this.handshake.receive(data);
    if (step.reply) this.options.wire.send(step.reply);
    if (!step.keys) return;
    this.sealer = new FrameSealer(step.keys.send);
    this.opener = new FrameOpener(step.keys.receive);
    this.state = 'open';
    this.session.start();
  }

  private opened(hello: Hello): void {
    if (hello.desk === this.options.desk.id) return this.close('connected to itself');
    this.unsubscribe = this.options.desk.onChange(() => this.onLocalChange());
    this.options.onOpen?.(this, hello);
  }

  private onLocalChange(): void {
    if (this.state !== 'open') return;
    try {
      const { desk } = this.options;
      const own = desk.store.vector()[desk.id] ?? 0;
      if (own > this.ownSeq || !this.options.relayDelayMs) {
        // Our own new events go out at once: that is the live propagation the desks wait for.
        this.ownSeq = own;
        this.session.push();
        return;
      }
      this.session.announce();
      this.relayTimer ??= setTimeout(() => {
        this.relayTimer = null;
        if (this.state !== 'open') return;
        try {
          this.session.push();
        } catch (error) {
          this.close((error as Error).message);
        }
      }, this.options.relayDelayMs);
    } catch (error) {
      this.close((error as Error).message);
    }
  }

  private sendMessage(message: Message): void {
    if (this.state !== 'open') return;
    this.options.wire.send(this.sealer!.seal(Buffer.from(JSON.stringify(message))));
  }
}
