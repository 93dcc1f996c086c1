import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Desk } from '../desk';
import { DeskSync } from './desk-sync';

/** Where a desk with a window accepts other desks when LAN sync is on (4317 is the browser fallback's). */
export const LAN_SYNC_PORT = 4318;
const LAN_HOST = '0.0.0.0';
const SETTING = 'lan_sync';

export function lanSyncEnabled(desk: Desk): boolean {
  return desk.meta(SETTING) === '1';
}

/** A desk-local setting like the printer (not an event): it says how this laptop networks, not what happened. */
export function setLanSyncEnabled(desk: Desk, enabled: boolean): void {
  desk.setMeta(SETTING, enabled ? '1' : null);
}

const running = new Map<Desk, LanReplication>();

/** The running replication of a desk with a window, so the settings service can reconfigure it. */
export function lanReplication(desk: Desk): LanReplication | null {
  return running.get(desk) ?? null;
}

export interface LanReplicationOptions {
  /** Tests listen on any free port. */
  port?: number;
}

/**
 * The replication of the Electron desk. It always dials the desks it knows; only when the organizer
 * turns LAN sync on does it also accept desks at /sync on every interface and announce itself by
 * mDNS (`loket serve --host 0.0.0.0 --announce`). Off by default: a borrowed laptop on venue Wi-Fi
 * listens on nothing. The listener serves /sync only: this desk's UI and API never leave IPC.
 */
export class LanReplication {
  private sync: DeskSync | null = null;
  private server: Server | null = null;
  /** Whether the current DeskSync listens on the LAN; null before the first reconcile. */
  private mode: boolean | null = null;
  /** Reconfigurations run one after another, so a quick on-off-on cannot leave two listeners. */
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    private readonly desk: Desk,
    private readonly options: LanReplicationOptions,
  ) {}

  static async start(desk: Desk, options: LanReplicationOptions = {}): Promise<LanReplication> {
    const replication = new LanReplication(desk, options);
    running.set(desk, replication);
    await replication.apply();
    return replication;
  }

  get listening(): boolean {
    return this.server !== null;
  }

  get port(): number | null {
    return this.server ? (this.server.address() as AddressInfo).port : null;
  }

  /** Bring the replication in line with the desk's LAN setting (at start and after it changed). */
  apply(): Promise<void> {
    // A failed attempt (no port at all) is reported to its caller and does not block the next.
    this.queue = this.queue.catch(() => undefined).then(() => this.reconcile());
    return this.queue;
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    running.delete(this.desk);
    this.sync?.close();
    await this.stopListening();
  }

  private async reconcile(): Promise<void> {
    const wanted = lanSyncEnabled(this.desk);
    if (wanted === this.mode) return;
    // DeskSync takes `announce` at construction and listens once: a change of mode is a fresh one.
    this.sync?.close();
    await this.stopListening();
    this.mode = wanted;
    this.sync = new DeskSync({ desk: this.desk, announce: wanted });
    if (!wanted) {
      // No stale address in the next join code.
      this.desk.setMeta('sync_addresses', null);
      this.sync.start();
      return;
    }
    const server = createServer((_req, res) => res.writeHead(404).end());
    this.sync.attach(server);
    let port: number;
    try {
      port = await listen(server, this.options.port ?? LAN_SYNC_PORT);
    } catch (error) {
      // Keep dialling out, and let the next apply() try to listen again.
      this.mode = null;
      this.sync.start();
      throw error;
    }
    this.server = server;
    this.sync.listening(LAN_HOST, port);
  }

  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

/** The usual port, or any free one when another program holds it (peers learn the address anyway). */
async function listen(server: Server, port: number): Promise<number> {
  const attempt = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, LAN_HOST, () => {
        server.off('error', reject);
        resolve();
      });
    });
  await attempt(port).catch(() => attempt(0));
  return (server.address() as AddressInfo).port;
}
