import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { LoketError } from '../../../shared/errors';

/** What libpq calls sslmode; only the two that check the server's certificate are safe off this machine. */
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
type SslMode = (typeof SSL_MODES)[number];
const VERIFIED: readonly SslMode[] = ['verify-ca', 'verify-full'];
const KNOWN_PARAMS = new Set(['sslmode', 'sslrootcert']);

/** A province server to uplink to, parsed and checked; `label` is safe to show and log (no password). */
export interface UplinkTarget {
  host: string;
  port: number;
  user: string;
  /** Absent: node-postgres then reads PGPASSWORD or ~/.pgpass. Never logged, never shown. */
  password: string | undefined;
  database: string;
  sslMode: SslMode;
  sslRootCert: string | null;
  /** user@host:port/db */
  label: string;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/**
 * Parse a postgres:// URL. A plain or unverified connection (sslmode other than verify-full or
 * verify-ca) to a host other than this machine is refused unless `insecure`: the password and
 * every event would cross the network readable or to whoever answers in the server's place.
 */
export function parseUplinkUrl(text: string, insecure = false): UplinkTarget {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new LoketError('uplink_url_invalid', { detail: 'postgres://USER@HOST:PORT/DB' });
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new LoketError('uplink_url_invalid', { detail: `${url.protocol}//` });
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const user = decodeURIComponent(url.username);
  if (!host || !user) throw new LoketError('uplink_url_invalid', { detail: 'postgres://USER@HOST:PORT/DB' });
  for (const key of url.searchParams.keys()) if (!KNOWN_PARAMS.has(key)) throw new LoketError('uplink_url_invalid', { detail: key });
  const mode = url.searchParams.get('sslmode') ?? 'disable';
  if (!(SSL_MODES as readonly string[]).includes(mode)) throw new LoketError('uplink_url_invalid', { detail: `sslmode=${mode}` });
  const sslMode = mode as SslMode;
  if (!VERIFIED.includes(sslMode) && !isLoopback(host) && !insecure) throw new LoketError('uplink_insecure', { host });
  const port = url.port ? Number(url.port) : 5432;
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || user;
  return {
    host,
    port,
    user,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database,
    sslMode,
    sslRootCert: url.searchParams.get('sslrootcert'),
    label: `${user}@${host.includes(':') ? `[${host}]` : host}:${port}/${database}`,
  };
}

/** The province's CA; a file that cannot be read is said as what it is, in the operator's language. */
function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new LoketError('uplink_url_invalid', { detail: `sslrootcert: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}` });
  }
}

/**
 * Node's TLS options for the sslmode, set here rather than left to the client library's reading
 * of the URL (node-postgres treats `require` as `verify-full` unless told otherwise; libpq does not).
 * `prefer` and `allow` connect plainly: there is no silent fallback to trust.
 */
export function tlsOptions(target: UplinkTarget): ConnectionOptions | false {
  if (target.sslMode === 'disable' || target.sslMode === 'allow' || target.sslMode === 'prefer') return false;
  const ca = target.sslRootCert ? readCa(target.sslRootCert) : undefined;
  if (target.sslMode === 'require') return { rejectUnauthorized: false };
  const base: ConnectionOptions = { rejectUnauthorized: true, ...(ca ? { ca } : {}) };
  if (target.sslMode === 'verify-ca') return { ...base, checkServerIdentity: () => undefined };
  return isIP(target.host) ? base : { ...base, servername: target.host };
}
