import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Result } from '../../../shared/errors';
import { FILE_CALL_TYPE } from '../../../shared/file-call';
import type { Desk } from '../desk';
import { MAX_FILE_MB } from '../import/limits';
import type { DeskSync } from '../sync/desk-sync';
import { dispatch, isApiMethod } from '../api/dispatch';
import { readFileCall } from './file-call';
import { loadStatic } from './static-files';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/**
 * A call's JSON: the largest real one is a walk-in with its photo and signature (under 200 KB).
 * Parsing it runs on the thread that answers check-ins, so nothing big may arrive as JSON.
 */
export const MAX_JSON_BODY = 1024 * 1024;
/** A call carrying a file (shared/file-call.ts): the largest list the desk reads, and its JSON. */
export const MAX_FILE_CALL_BODY = (MAX_FILE_MB + 1) * 1024 * 1024;
/** An oversized body is read and dropped up to this size, so that its sender gets the 413 rather than a reset. */
const MAX_DRAINED = 280 * 1024 * 1024;
const POLL_MS = 250;

export interface ServerOptions {
  desk: Desk;
  staticDir: string;
  host?: string;
  port?: number;
  /** Replication at /sync on the same port; the only thing a non-loopback client may reach. */
  sync?: DeskSync;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The browser fallback: the same UI and the same API table as the Electron shell, on loopback.
 * Requests must name this server as Host (DNS rebinding), come from its own origin, and carry the
 * X-Loket-Client header that no cross-site form or image can set. X-Loket-Session carries the
 * page's own random token: an organizer unlock holds for the page that typed the PIN, not for any
 * other local client of the same server.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { desk, staticDir } = options;
  const host = options.host ?? '127.0.0.1';
  const streams = new Set<ServerResponse>();
  let allowedHosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // Listening on the LAN (--host 0.0.0.0) is for peers at /sync: the UI and its API stay local.
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return void res.writeHead(403).end();
    if (!allowedHosts.has(req.headers.host ?? '')) return void res.writeHead(421).end();
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/api/changes' && req.method === 'GET') return openStream(res);
    if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname.slice(5));
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const file = (await loadStatic(staticDir, url.pathname)) ?? (await loadStatic(staticDir, '/'));
    if (!file) return void res.writeHead(404).end('Loket UI not built: run npm run build');
    res.writeHead(200, { 'Content-Type': file.type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const origin = req.headers.origin;
    if (req.method !== 'POST' || req.headers['x-loket-client'] !== '1') return void res.writeHead(403).end();
    if (origin !== undefined && !allowedHosts.has(originHost(origin))) return void res.writeHead(403).end();
    if (!isApiMethod(method)) return void res.writeHead(404).end();
    const withFile = req.headers['content-type'] === FILE_CALL_TYPE;
    const body = await readBody(req, withFile ? MAX_FILE_CALL_BODY : MAX_JSON_BODY);
    if (body === null) {
      const tooLarge: Result<never> = withFile
        ? { ok: false, error: { code: 'file_too_large', params: { max: MAX_FILE_MB } } }
        : { ok: false, error: { code: 'bad_request', params: { detail: `JSON over ${MAX_JSON_BODY / 1024} KB` } } };
      return void res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close' }).end(JSON.stringify(tooLarge));
    }
    const input = withFile ? readFileCall(body, req.headers) : readJson(body);
    const result = input.ok ? await dispatch(desk, method, input.value, req.headers['x-loket-session']) : input;
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(result));
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  }

  const unsubscribe = desk.onChange(() => {
    for (const res of streams) res.write('event: change\ndata: {}\n\n');
  });
  // Another process (the CLI, later a sync peer) may write the same database: look for it often.
  const poll = setInterval(() => desk.refresh(), POLL_MS);
  const heartbeat = setInterval(() => {
    for (const res of streams) res.write(': ping\n\n');
  }, 15_000);

  options.sync?.attach(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host}:${port}`]);
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/`,
    port,
    close: async () => {
      clearInterval(poll);
      clearInterval(heartbeat);
      unsubscribe();
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function originHost(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return '';
  }
}

function readJson(body: Buffer): Result<unknown> {
  try {
    return { ok: true, value: body.length ? JSON.parse(body.toString('utf8')) : {} };
  } catch {
    return { ok: false, error: { code: 'bad_request', params: { detail: 'JSON' } } };
  }
}

/**
 * The body, or null once it is over `limit`. A body of declared length is copied into one buffer
 * as it arrives (joining a 50 MB body's chunks at the end held the main thread for about 50 ms).
 * The rest of an oversized body is read and dropped rather than the connection cut: a client
 * still sending gets its 413 instead of a reset. Past MAX_DRAINED the connection is closed after all.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    let tooLarge = declared !== null && !(declared <= limit);
    const whole = declared !== null && !tooLarge ? Buffer.allocUnsafe(declared) : null;
    const chunks: Buffer[] = [];
    let size = 0;
    if (tooLarge) resolve(null);
    req.on('data', (chunk: Buffer) => {
      if (!tooLarge && whole) chunk.copy(whole, size);
      size += chunk.length;
      if (size > MAX_DRAINED) req.destroy();
      if (tooLarge) return;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      if (!whole) chunks.push(chunk);
    });
    req.on('end', () => resolve(whole ? whole.subarray(0, size) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
