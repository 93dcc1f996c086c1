import { afterAll, beforeAll, describe, expect } from 'vitest';
import type pg from 'pg';
import { setDigest } from '../../../electron/core/store/event-hash';
import { printableSchema } from '../../../electron/core/uplink/schema';
import { requireBuild } from '../../helpers/built-core';
import { runCli } from '../../helpers/cli';
import { postgresForTests, startCluster, type Cluster } from '../../helpers/postgres-cluster';

/**
 * The province server of an uplink test file: one throw-away cluster for the whole file, a database
 * whose schema a DBA applied from `--print-schema` as the owner role, and a role given exactly the
 * grants that output prints (INSERT and SELECT on the table, SELECT on the views), nothing else.
 * Every URL (with its password) reaches the CLI through LOKET_UPLINK_URL or a file, never its arguments.
 */
export interface Province {
  cluster: Cluster;
  /** A superuser connection to the province database; a test that restarts the server renews it. */
  db: pg.Client;
  /** The least-privileged role's URL, password included. */
  uplinkUrl: string;
  /** The owner role's, which may create the schema. */
  ownerUrl: string;
}

export interface OnceJson {
  pushed: number;
  events: number;
  redacted: number;
  alarms: number;
  server: string;
}

export interface StatusJson {
  participants: number;
  checkedIn: number;
  walkIns: number;
  byRegency: { code: string; name: string; participants: number; checkedIn: number }[];
  unknownRegency: { participants: number; checkedIn: number };
  alarms: { desk: string; seq: number; peer: string; count: number }[];
  dashboard: { certificates: { listed: number; handedOwner: number; handedRepresentative: number; remaining: number; notIssued: number } };
}

const bin = postgresForTests();
if (!bin) console.warn('uplink tests skipped: PostgreSQL is not installed (Debian package postgresql; .ci/run installs it)');

/** A describe that needs PostgreSQL: skipped without it on a developer's machine, a failure on CI. */
export const describeWithPostgres = describe.skipIf(!bin);

/** The grants `--print-schema` tells the DBA to give, for `role`. */
export function printedGrants(role: string): string[] {
  return printableSchema()
    .split('\n')
    .filter((line) => line.startsWith('--   GRANT '))
    .map((line) => line.slice('--   '.length).replace(/\bloket_uplink\b/, role));
}

/** Registers the file's hooks; the returned object is filled in before its first test. */
export function useProvince(): Province {
  const province = {} as Province;
  beforeAll(async () => {
    requireBuild();
    province.cluster = await startCluster();
    const owner = await province.cluster.role('loket_owner');
    const uplink = await province.cluster.role('loket_uplink');
    await province.cluster.createDatabase('province', 'loket_owner');
    province.ownerUrl = owner.url('province');
    province.uplinkUrl = uplink.url('province');
    province.db = await province.cluster.admin('province');
    const printed = await runCli(['uplink', '--print-schema']);
    expect(printed.code).toBe(0);
    expect(printed.stdout.trim()).toBe(printableSchema().trim());
    await province.db.query('SET ROLE loket_owner');
    await province.db.query(printed.stdout);
    for (const grant of printedGrants('loket_uplink')) await province.db.query(grant);
    await province.db.query('RESET ROLE');
  });
  afterAll(async () => {
    await province.db?.end();
    await province.cluster?.destroy();
  });
  return province;
}

export async function uplinkOnce(dir: string, url: string): Promise<OnceJson> {
  const r = await runCli(['uplink', '--data', dir, '--once', '--json'], { LOKET_UPLINK_URL: url });
  expect(r.code, r.stderr).toBe(0);
  return r.json as OnceJson;
}

export interface ServerRow {
  desk: string;
  seq: number;
  hlc: string;
  hash: string;
  body: unknown;
  type: string;
}

export async function serverRows(db: pg.Client, eventId: string): Promise<ServerRow[]> {
  return (await db.query('SELECT desk, seq, hlc, hash, body, type FROM loket_events WHERE event_id = $1 ORDER BY desk, seq', [eventId])).rows;
}

export async function serverDigest(db: pg.Client, eventId: string): Promise<string> {
  return setDigest((await serverRows(db, eventId)).map((r) => r.hash));
}

export async function statusJson(dir: string): Promise<StatusJson> {
  const r = await runCli(['status', '--data', dir, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return r.json as StatusJson;
}
