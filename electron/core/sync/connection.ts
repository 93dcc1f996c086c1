import type { Desk } from '../desk';
import type { SyncRecords } from '../store/sync-records';
import type { SyncRefusalReason } from '../../../shared/api';
import { FRAME_VERSION, FrameOpener, FrameSealer, FrameVersionError } from './frame-codec';
import { ClientHandshake, ServerHandshake, WrongSecretError } from './handshake';
import type { EventKeys } from './keys';
import { decodeSelfContained, FrameCompressor, FrameInflater } from './frame-compression';
import { decodeOffThread } from './frame-decoder';
import { decodeReceived, type Hello, type Message, type Received } from './messages';
import { SyncSession } from './session';

/** Bytes out of a connection: a WebSocket in production, a simulated network in tests. */
export interface Wire {
  send(data: Buffer): void;
  /** `proofRefused` tells the other end, as this one hangs up, that its proof of the event secret was wrong. */
  close(proofRefused?: boolean): void;
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
  /** Decodes a self-contained (big) frame elsewhere (the decode worker, by default), or returns null to decode it here. */
  offload?: (payload: Buffer) => Promise<Received> | null;
  /** Both sides proved the event secret: from here the link carries sealed frames. */
  onAuthenticated?(connection: PeerConnection): void;
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
  /** Set when it closed because the other desk belongs to another event or runs another version. */
  refusal: SyncRefusalReason | null = null;
  readonly session: SyncSession;
  private readonly handshake: ClientHandshake | ServerHandshake;
  private sealer: FrameSealer | null = null;
  private opener: FrameOpener | null = null;
  private readonly compressor = new FrameCompressor();
  private readonly inflater = new FrameInflater();
  private unsubscribe: (() => void) | null = null;
  private relayTimer: NodeJS.Timeout | null = null;
  private announcing = false;
  private ownSeq: number;
  /** Messages still being decoded off the main thread, or waiting behind one that is. */
  private queue: Promise<void> | null = null;

  constructor(private readonly options: ConnectionOptions) {
    const { desk, keys, role } = options;
    this.handshake = role === 'client' ? new ClientHandshake(keys) : new ServerHandshake(keys);
    this.session = new SyncSession(desk, options.records, {
      send: (message) => this.sendMessage(message),
      sendEncoded: (plaintext) => this.sendPlaintext(plaintext),
      addresses: options.addresses ?? (() => []),
      dialed: options.dialed ?? null,
    });
    this.ownSeq = desk.store.heldOf(desk.id);
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
      // Opened here, in arrival order: the frame counter is checked before anything is queued.
      const payload = this.opener!.open(data);
      if (!this.inflater.isSelfContained(payload)) {
        // Inflated here and now, in order: the link's history moves on with every such frame.
        const plaintext = this.inflater.inflate(payload);
        if (!this.queue) return this.handle(decodeReceived(plaintext));
        return this.enqueue(Promise.resolve().then(() => decodeReceived(plaintext)));
      }
      const offloaded = (this.options.offload ?? decodeOffThread)(payload);
      if (!offloaded && !this.queue) return this.handle(decodeSelfContained(payload));
      this.enqueue(offloaded ?? Promise.resolve().then(() => decodeSelfContained(payload)));
    } catch (error) {
      this.close((error as Error).message, refusalOf(error));
    }
  }

  /**
   * The wire went away: the other end closed it, or the network did. Only the other end's word that
   * our proof was wrong makes it another event's desk: a desk also hangs up on an honest proof that
   * came after its wait, or to make room for a newer stranger, and a network cuts links anywhere.
   */
  lost(proofRefused = false): void {
    if (proofRefused) this.close('the peer refused our proof: it holds another event secret', 'other_event');
    else this.close(this.state === 'handshake' ? 'the peer hung up during the handshake' : 'socket closed');
  }

  /** Messages are handled in the order they came, whichever finished decoding first. */
  private enqueue(decoded: Promise<Received>): void {
    // Awaited in turn below; until then a failure must not count as unhandled.
    decoded.catch(() => {});
    const turn = (this.queue ?? Promise.resolve())
      .then(async () => {
        const message = await decoded;
        if (this.state !== 'closed') this.handle(message);
      })
      .catch((error: Error) => this.close(error.message))
      .finally(() => {
        if (this.queue === turn) this.queue = null;
      });
    this.queue = turn;
  }

  private handle(message: Received): void {
    const hadPeer = this.session.peer !== null;
    this.session.receive(message);
    if (!hadPeer && this.session.peer) this.opened(this.session.peer);
    this.options.onProgress?.(this);
  }

  close(reason: string, refusal: SyncRefusalReason | null = null): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.refusal = refusal;
    this.unsubscribe?.();
    if (this.relayTimer) clearTimeout(this.relayTimer);
    if (this.options.desk.db.open) {
      try {
        this.session.deriveBacklog();
      } catch {
        // The backlog stays recorded: the next catch-up or the next open derives it.
      }
    }
    this.options.wire.close(refusal === 'other_event');
    this.options.onClose?.(this, reason);
  }

  private advanceHandshake(data: Uint8Array): void {
    const step = this.handshake.receive(data);
    if (step.reply) this.options.wire.send(step.reply);
    if (!step.keys) return;
    this.sealer = new FrameSealer(step.keys.send);
    this.opener = new FrameOpener(step.keys.receive);
    this.state = 'open';
    this.options.onAuthenticated?.(this);
    this.session.start();
  }

  private opened(hello: Hello): void {
    if (hello.desk === this.options.desk.id) return this.close('connected to itself');
    const { desk } = this.options;
    this.unsubscribe = desk.onLogGrew(() => this.onLocalChange());
    this.options.onOpen?.(this, hello);
  }

  private onLocalChange(): void {
    this.guarded(() => {
      const { desk } = this.options;
      const own = desk.store.heldOf(desk.id);
      if (own > this.ownSeq || !this.options.relayDelayMs) {
        // Our own new events go out at once: that is the live propagation the desks wait for.
        this.ownSeq = own;
        return this.session.push();
      }
      // Told halfway to the relay, so peers hear it before their own relay timers fire, yet after
      // the news has reached every desk that gets it directly (it is only there to spare relays).
      if (!this.announcing) {
        this.announcing = true;
        setTimeout(() => {
          this.announcing = false;
          this.guarded(() => this.session.announce());
        }, this.options.relayDelayMs / 2);
      }
      this.relayTimer ??= setTimeout(() => {
        this.relayTimer = null;
        this.guarded(() => this.session.push());
      }, this.options.relayDelayMs);
    });
  }

  /** Later work on this link: skipped once it closed, and any failure closes it (never the process). */
  private guarded(work: () => void): void {
    if (this.state !== 'open') return;
    try {
      work();
    } catch (error) {
      this.close((error as Error).message);
    }
  }

  private sendMessage(message: Message): void {
    this.sendPlaintext(Buffer.from(JSON.stringify(message)));
  }

  private sendPlaintext(plaintext: Buffer): void {
    if (this.state !== 'open') return;
    this.options.wire.send(this.sealer!.seal(this.compressor.compress(plaintext)));
  }
}

function refusalOf(error: unknown): SyncRefusalReason | null {
  if (error instanceof WrongSecretError) return 'other_event';
  if (error instanceof FrameVersionError) return error.version < FRAME_VERSION ? 'older_version' : 'newer_version';
  return null;
}
