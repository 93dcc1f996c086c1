import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Desk } from '../../../electron/core/desk';
import { SyncRecords } from '../../../electron/core/store/sync-records';
import { PeerConnection } from '../../../electron/core/sync/connection';
import { deriveEventKeys, type EventKeys } from '../../../electron/core/sync/keys';
import { importGenerated, openEventDesk } from '../../helpers/desk-fixture';

/**
 * An in-process network for the deterministic simulation: every link is a pair of frame queues
 * that the schedule delivers, drops, duplicates or reorders one frame at a time. Connections are
 * the production PeerConnection (handshake, AES-GCM frames, protocol), only the sockets are fake.
 */
export class SimDesk {
  desk: Desk;
  records: SyncRecords;
  readonly keys: EventKeys;

  constructor(
    readonly dir: string,
    readonly now: () => number,
    secret: string,
  ) {
    this.desk = Desk.open(dir, { now });
    this.desk.setMeta('event_secret', secret);
    this.records = new SyncRecords(this.desk.db);
    this.keys = deriveEventKeys(secret);
  }

  reopen(): void {
    this.desk.close();
    this.desk = Desk.open(this.dir, { now: this.now });
    this.records = new SyncRecords(this.desk.db);
  }
}

export class SimLink {
  readonly toServer: Buffer[] = [];
  readonly toClient: Buffer[] = [];
  readonly client: PeerConnection;
  readonly server: PeerConnection;
  closed = false;

  constructor(
    readonly a: SimDesk,
    readonly b: SimDesk,
    keysOfB: EventKeys = b.keys,
  ) {
    const wire = (queue: Buffer[]) => ({ send: (data: Buffer) => !this.closed && queue.push(data), close: (proofRefused?: boolean) => this.close(proofRefused) });
    this.client = new PeerConnection({ desk: a.desk, keys: a.keys, records: a.records, role: 'client', wire: wire(this.toServer), relayDelayMs: 0 });
    this.server = new PeerConnection({ desk: b.desk, keys: keysOfB, records: b.records, role: 'server', wire: wire(this.toClient), relayDelayMs: 0 });
    this.client.start();
  }

  /** Like a TCP reset (or a WebSocket close, with what it says): both ends learn the link is gone; frames in flight are lost. */
  close(proofRefused = false): void {
    if (this.closed) return;
    this.closed = true;
    this.toServer.length = 0;
    this.toClient.length = 0;
    this.client.lost(proofRefused);
    this.server.lost(proofRefused);
  }

  get pending(): number {
    return this.toServer.length + this.toClient.length;
  }

  /** Deliver the frame at `index` of one direction (index > 0 reorders), optionally keeping a copy (duplicate). */
  deliver(preferServer: boolean, index: number, duplicate = false): void {
    const toServer = preferServer ? this.toServer.length > 0 || this.toClient.length === 0 : this.toClient.length === 0;
    const queue = toServer ? this.toServer : this.toClient;
    if (queue.length === 0) return;
    const i = index % queue.length;
    const frame = duplicate ? queue[i]! : queue.splice(i, 1)[0]!;
    (toServer ? this.server : this.client).receive(frame);
  }

  drop(toServer: boolean, index: number): void {
    const queue = toServer ? this.toServer : this.toClient;
    if (queue.length) queue.splice(index % queue.length, 1);
  }

  /** Deliver everything in order until both directions are empty. */
  flush(limit = 1_000_000): void {
    for (let n = 0; this.pending && n < limit; n++) this.deliver(this.toServer.length > 0, 0);
  }
}

/** Desk folders on tmpfs when there is one: the simulation opens hundreds of fsync'ing databases. */
export function simDirFactory(): { make(): string; cleanup(): void } {
  const made: string[] = [];
  const base = process.platform === 'linux' ? '/dev/shm' : undefined;
  return {
    make() {
      let dir: string;
      try {
        dir = mkdtempSync(join(base ?? '/tmp', 'loket-sim-'));
      } catch {
        dir = mkdtempSync(join('/tmp', 'loket-sim-'));
      }
      made.push(dir);
      return dir;
    },
    cleanup() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Desk A holding `count` imported participants, and an empty desk B of the same event. */
export function importedPair(dirs: ReturnType<typeof simDirFactory>, count: number): { a: SimDesk; b: SimDesk } {
  const dir = dirs.make();
  const seed = openEventDesk(dir);
  importGenerated(seed, count, 3);
  const secret = seed.secret;
  seed.close();
  return { a: new SimDesk(dir, Date.now, secret), b: new SimDesk(dirs.make(), Date.now, secret) };
}
