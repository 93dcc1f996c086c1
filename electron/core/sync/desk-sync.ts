import type { Server } from 'node:http';
import type { Desk } from '../desk';
import { listenAddresses } from './addresses';
import { startDiscovery, type Discovery } from './discovery';
import { setRunning } from './running';
import { SyncNode } from './sync-node';

export interface DeskSyncOptions {
  desk: Desk;
  log?: (line: string) => void;
  /** Advertise and browse by mDNS (`--announce`). */
  announce?: boolean;
}

/**
 * The replication of a running desk process (`loket serve`, the browser fallback, the Electron
 * shell), reachable from its API handlers through `deskSync(desk)` (running.ts). Joining an event stores the code's
 * addresses as peers and swaps the secret, which needs a fresh node (keys, links and mDNS tag all
 * derive from it) that then dials them: that is how peers are added while the desk runs.
 */
export class DeskSync {
  node: SyncNode;
  private server: Server | null = null;
  private port: number | null = null;
  private addresses: string[] = [];
  private discovery: Discovery | null = null;

  constructor(private readonly options: DeskSyncOptions) {
    this.node = this.newNode();
    setRunning(options.desk, this);
  }

  /** Accept peers at /sync on this server (before or after it listens). */
  attach(server: Server): void {
    this.server = server;
    this.node.attach(server);
  }

  /** The server listens: tell peers (and `loket invite` in another process) where, and start dialling. */
  listening(host: string, port: number, peers: readonly string[] = []): void {
    this.port = port;
    this.addresses = listenAddresses(host, port);
    this.node.addresses = this.addresses;
    this.options.desk.setMeta('sync_addresses', JSON.stringify(this.addresses));
    this.node.start(peers);
    this.announce();
  }

  /** Dial the stored peers, for a desk that does not accept any (no server on the LAN). */
  start(): void {
    this.node.start();
  }

  /** The event secret changed (the desk joined an event): relink everything under the new keys. */
  rekey(): void {
    this.discovery?.close();
    this.discovery = null;
    this.node.close();
    this.node = this.newNode();
    if (this.server) this.node.attach(this.server);
    this.node.addresses = this.addresses;
    this.node.start();
    this.announce();
  }

  close(): void {
    this.discovery?.close();
    this.node.close();
    setRunning(this.options.desk, null);
  }

  private newNode(): SyncNode {
    return new SyncNode({ desk: this.options.desk, log: this.options.log });
  }

  private announce(): void {
    if (!this.options.announce || this.port === null) return;
    const node = this.node;
    this.discovery = startDiscovery({ deskId: this.options.desk.id, port: this.port, tag: node.tag, onPeer: (a) => node.addPeer(a, 'mdns') });
  }
}
