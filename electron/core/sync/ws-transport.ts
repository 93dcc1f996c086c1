import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Wire } from './connection';
import { MAX_FRAME_BYTES } from './frame-codec';

/**
 * WebSocket carriage for sealed frames at /sync on the desk's HTTP server. `maxPayload` makes ws
 * refuse an oversized frame from its length header, before buffering it; a ping every few seconds
 * finds a peer that vanished without closing (a laptop lid shut, a cable pulled).
 */
export const SYNC_PATH = '/sync';
const PING_MS = 5_000;
const BULK_GRACE_MS = 30_000;
/** The close code of a hang-up on a proof made from another secret (4000–4999 are the application's). */
const PROOF_REFUSED = 4001;

export interface Socket {
  wire: Wire;
  onMessage(listener: (data: Buffer) => void): void;
  onClose(listener: (proofRefused: boolean) => void): void;
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function wrap(ws: WebSocket): Socket {
  // During a long catch-up a ping and its pong queue behind megabytes of events, so a late pong does
  // not mean the peer is gone while it is still digesting what we sent: then it gets BULK_GRACE_MS.
  let lastProgress = Date.now();
  let lastBulk = 0;
  let backlog = 0;
  const heard = () => (lastProgress = Date.now());
  ws.on('pong', heard);
  ws.on('message', heard);
  const ping = setInterval(() => {
    const now = Date.now();
    const buffered = ws.bufferedAmount;
    if (buffered < backlog) lastProgress = now;
    if (buffered > 0) lastBulk = now;
    backlog = buffered;
    const limit = now - lastBulk < BULK_GRACE_MS ? BULK_GRACE_MS : 2 * PING_MS;
    if (now - lastProgress > limit) return void ws.terminate();
    ws.ping();
  }, PING_MS);
  ws.on('close', () => clearInterval(ping));
  ws.on('error', () => ws.terminate());
  return {
    wire: {
      send: (data) => {
        if (ws.readyState === WebSocket.OPEN) ws.send(data, { binary: true });
      },
      close: (proofRefused) => {
        if (ws.readyState === WebSocket.CLOSED) return;
        ws.close(proofRefused ? PROOF_REFUSED : undefined);
        // A peer that does not answer the close handshake is cut off.
        setTimeout(() => ws.terminate(), 2_000).unref();
      },
    },
    onMessage: (listener) => ws.on('message', (data, isBinary) => (isBinary ? listener(toBuffer(data)) : ws.terminate())),
    onClose: (listener) => ws.on('close', (code) => listener(code === PROOF_REFUSED)),
  };
}

/** The remote address of a connection; an IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d. */
function remoteHost(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

/**
 * Take /sync upgrades on an HTTP server; anything else asking to upgrade is refused, and so is an
 * address `admit` turns away (cut before the WebSocket handshake: refusing costs next to nothing).
 */
export function acceptSockets(server: Server, onSocket: (socket: Socket, host: string) => void, admit: (host: string) => boolean): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // Browsers always send Origin: no web page may talk to the sync endpoint, even a failed handshake.
    if (path !== SYNC_PATH || req.headers.origin !== undefined || !admit(remoteHost(req))) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => onSocket(wrap(ws), remoteHost(req)));
  };
  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  };
}

export function dialSocket(address: string, onOpen: (socket: Socket) => void, onFail: () => void): () => void {
  const url = new URL(SYNC_PATH, address.replace(/^http/, 'ws'));
  const ws = new WebSocket(url, { maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false, handshakeTimeout: 5_000 });
  let opened = false;
  ws.on('open', () => {
    opened = true;
    onOpen(wrap(ws));
  });
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    if (!opened) onFail();
  });
  return () => ws.terminate();
}
