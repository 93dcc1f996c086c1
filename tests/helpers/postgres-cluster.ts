import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Debian's PostgreSQL binaries, newest major first, found without PATH (they are not on it). */
export function postgresBin(root = '/usr/lib/postgresql'): string | null {
  if (!existsSync(root)) return null;
  const majors = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(root, majors[0]!, 'bin') : null;
}

/**
 * The binaries for a file of PostgreSQL tests, or null to skip it on a developer's machine without
 * them. Under CI (which installs them) their absence fails the file instead of passing it unseen.
 */
export function postgresForTests(env: NodeJS.ProcessEnv = process.env, root?: string): string | null {
  const bin = postgresBin(root);
  if (bin === null && env.CI) {
    throw new Error("PostgreSQL is not installed, and CI must run the uplink tests: install Debian's postgresql (apt-get install postgresql, as .ci/run does)");
  }
  return bin;
}

/** A loopback port nothing listens on (for a moment): the server, or a server that is not there. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

export interface Cluster {
  port: number;
  dir: string;
  /** A superuser connection over the cluster's own socket (no password, never on a command line). */
  admin(database?: string): Promise<pg.Client>;
  /** A role with a random password; the URL that carries it is for an environment variable only. */
  role(name: string, options?: { createIn?: string }): Promise<{ name: string; url: (database: string) => string }>;
  createDatabase(name: string, owner: string): Promise<void>;
  /** TLS on, with a certificate for `localhost` from a CA of the test's own; `otherCa` signed nothing here. */
  enableTls(): Promise<{ ca: string; otherCa: string }>;
  /** This role may log in over TLS only (pg_hba: hostnossl … reject). */
  requireTls(role: string): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * A throw-away PostgreSQL cluster in a temp folder, on a free loopback port, removed by `destroy`.
 * As root (CI, this machine) it runs as the `postgres` user, which then owns the folder.
 */
export async function startCluster(): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'loket-pg-'));
  const data = join(dir, 'data');
  const asRoot = userInfo().uid === 0;
  const owner = asRoot ? Number((await run('id', ['-u', 'postgres'])).stdout.trim()) : null;
  const group = asRoot ? Number((await run('id', ['-g', 'postgres'])).stdout.trim()) : null;
  if (owner !== null && group !== null) chownSync(dir, owner, group);
  const as = owner !== null && group !== null ? { uid: owner, gid: group } : {};
  const pgRun = (tool: string, args: string[]) => run(join(bin, tool), args, { ...as, cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  // fsync stays on: the durability the tests rely on is the server's real one.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=40`;
  const start = async () => void (await pgRun('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']));
  await start();
  const admin = async (database = 'postgres') => {
    const client = new pg.Client({ host: dir, port, user: 'postgres', database });
    // A test that stops the server reconnects afterwards; the lost connection is expected, not a crash.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  return {
    port,
    dir,
    admin,
    async role(name, options = {}) {
      const password = randomBytes(18).toString('base64url');
      const client = await admin();
      try {
        await client.query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}'`);
      } finally {
        await client.end();
      }
      if (options.createIn) {
        const db = await admin(options.createIn);
        await db.query(`GRANT CREATE ON SCHEMA public TO ${name}`);
        await db.end();
      }
      return { name, url: (database) => `postgres://${name}:${password}@127.0.0.1:${port}/${database}` };
    },
    async createDatabase(name, ownerRole) {
      const client = await admin();
      try {
        await client.query(`CREATE DATABASE ${name} OWNER ${ownerRole}`);
      } finally {
        await client.end();
      }
    },
    async enableTls() {
      const tls = join(dir, 'tls');
      mkdirSync(tls);
      const ssl = (...args: string[]) => run('openssl', args, { cwd: tls });
      const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
      await ssl('req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Loket test CA');
      await ssl('req', '-x509', ...key, '-keyout', 'other.key', '-out', 'other.pem', '-days', '2', '-subj', '/CN=Another CA');
      await ssl('req', ...key, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
      writeFileSync(join(tls, 'ext.cnf'), 'subjectAltName=DNS:localhost\n');
      await ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'ext.cnf');
      chmodSync(join(tls, 'server.key'), 0o600);
      if (owner !== null && group !== null) for (const f of ['server.key', 'server.crt']) chownSync(join(tls, f), owner, group);
      const client = await admin();
      try {
        await client.query(`ALTER SYSTEM SET ssl_cert_file = '${join(tls, 'server.crt')}'`);
        await client.query(`ALTER SYSTEM SET ssl_key_file = '${join(tls, 'server.key')}'`);
        await client.query('ALTER SYSTEM SET ssl = on');
        await client.query('SELECT pg_reload_conf()');
      } finally {
        await client.end();
      }
      return { ca: join(tls, 'ca.pem'), otherCa: join(tls, 'other.pem') };
    },
    async requireTls(role) {
      const hba = join(data, 'pg_hba.conf');
      writeFileSync(hba, `hostnossl all ${role} all reject\n${readFileSync(hba, 'utf8')}`);
      const client = await admin();
      try {
        await client.query('SELECT pg_reload_conf()');
      } finally {
        await client.end();
      }
    },
    stop: async () => void (await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])),
    start,
    async destroy() {
      await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A file only the test reads, for `--url-file`: the password stays off every command line. */
export function urlFile(dir: string, url: string): string {
  const file = join(dir, 'uplink-url');
  writeFileSync(file, url, { mode: 0o600 });
  return file;
}
