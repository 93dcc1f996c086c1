import type { Client } from 'pg';
import { LoketError } from '../../../shared/errors';
import { PERSONAL_EVENT_TYPES } from '../store/redaction';
import { migrationSql, SCHEMA_VERSION } from './schema';
import { tlsOptions, type UplinkTarget } from './uplink-url';

/** Any two uplinks creating the schema at once take turns on this advisory lock. */
export const SCHEMA_LOCK = 0x4c4f4b45;
const CONNECT_TIMEOUT_MS = 10_000;
/** A statement that has not answered by then means a server or a route that is gone. */
const QUERY_TIMEOUT_MS = 120_000;

export interface StoredKey {
  desk: string;
  seq: number;
}

/** Keys as runs of consecutive seqs of one desk, in the order given. */
export function keyRuns(keys: readonly StoredKey[]): { desk: string; first: number; last: number }[] {
  const runs: { desk: string; first: number; last: number }[] = [];
  for (const k of keys) {
    const run = runs.at(-1);
    if (run && run.desk === k.desk && run.last + 1 === k.seq) run.last = k.seq;
    else runs.push({ desk: k.desk, first: k.seq, last: k.seq });
  }
  return runs;
}

/** What the server holds under a key, every column as it reads back. */
export interface ServerRow extends StoredKey {
  hlc: string;
  operator: string;
  type: string;
  body: unknown;
  hash: string;
}

/** A row as an insert stored it (after the server's own triggers, which could even have moved its key). */
export interface AddedRow extends ServerRow {
  eventId: string;
}

/**
 * A failure in the server's words, never its DETAIL (that can quote a row, personal data included)
 * and never the URL: an SQLSTATE and message, or the socket's error code.
 */
export function describePgError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' ? e.message.slice(0, 200) : String(error).slice(0, 200);
  return typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

/**
 * One connection to the province server (node-postgres, loaded only by the uplink so no other
 * command pays for it). Every statement is one round trip; each batch is its own transaction.
 */
export class PostgresLink {
  private constructor(
    private readonly client: Client,
    readonly target: UplinkTarget,
  ) {}

  static async connect(target: UplinkTarget, onLost: (error: Error) => void): Promise<PostgresLink> {
    const { default: pg } = await import('pg');
    const client = new pg.Client({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      database: target.database,
      ssl: tlsOptions(target),
      application_name: 'loket-uplink',
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: QUERY_TIMEOUT_MS,
      keepAlive: true,
    });
    // Without a listener a server that goes away would crash the process.
    client.on('error', onLost);
    try {
      await client.connect();
    } catch (error) {
      client.removeListener('error', onLost);
      await client.end().catch(() => undefined);
      throw new LoketError('uplink_failed', { server: target.label, detail: describePgError(error) });
    }
    return new PostgresLink(client, target);
  }

  /** Bring the schema to this version when the role may create it; otherwise say what the DBA must apply. */
  async migrate(): Promise<number> {
    const have = await this.schemaVersion();
    if (have >= SCHEMA_VERSION) return have;
    const { rows } = await this.client.query<{ can: boolean }>("SELECT has_schema_privilege(current_schema(), 'CREATE') AS can");
    if (!rows[0]?.can) throw new LoketError('uplink_schema', { have, want: SCHEMA_VERSION });
    await this.client.query('BEGIN');
    try {
      // Transaction-scoped, so it ends with the migration on the connection that took it: behind a
      // pooler in transaction mode (PgBouncer) a session lock could be taken on one server
      // connection and "released" on another, and stay held until the pooler closed the first.
      await this.client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      for (let v = (await this.schemaVersion()) + 1; v <= SCHEMA_VERSION; v++) await this.client.query(migrationSql(v));
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return SCHEMA_VERSION;
  }

  /**
   * The version `loket_schema_version()` returns, read from pg_proc by this statement's own snapshot
   * rather than by calling it: a name is looked up through the backend's catalog cache, which a
   * transaction that waited for the lock above still holds from before another uplink committed its
   * migrations (waiting on an advisory lock does not refresh it), so it would find no schema and
   * create it a second time. The body is `SELECT n` (schema.ts writes it).
   */
  private async schemaVersion(): Promise<number> {
    const { rows } = await this.client.query<{ v: number | null }>(
      `SELECT substring(p.prosrc FROM '^SELECT ([0-9]+)$')::integer AS v
       FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
       WHERE p.proname = 'loket_schema_version' AND p.pronargs = 0 AND n.nspname = ANY (current_schemas(false))
       ORDER BY array_position(current_schemas(false), n.nspname::text) LIMIT 1`,
    );
    return rows[0]?.v ?? 0;
  }

  /** Per desk, the highest seq the server holds with every one below it: what need not be sent again. */
  async held(eventId: string): Promise<Map<string, number>> {
    const { rows } = await this.client.query<{ desk: string; top: number; n: number }>(
      'SELECT desk, max(seq) AS top, count(*)::integer AS n FROM loket_events WHERE event_id = $1 GROUP BY desk',
      [eventId],
    );
    const out = new Map<string, number>();
    for (const r of rows) {
      // A gap (an uplink of an older desk cut off between desks): count from below it; inserts are idempotent.
      out.set(r.desk, r.n === r.top ? r.top : await this.gapFree(eventId, r.desk));
    }
    return out;
  }

  /**
   * The length of the run 1, 2, 3 … the server holds: in key order, a row is in it while its seq
   * equals its rank. One pass over the rows held, whatever seq a row claims: any role that may insert
   * can plant one at 2^31 − 1, and counting up to a claimed seq took minutes (or overflowed).
   */
  private async gapFree(eventId: string, desk: string): Promise<number> {
    const { rows } = await this.client.query<{ run: number }>(
      `SELECT count(*) FILTER (WHERE s.in_run)::integer AS run
       FROM (SELECT seq = row_number() OVER (ORDER BY seq) AS in_run FROM loket_events WHERE event_id = $1 AND desk = $2) AS s`,
      [eventId, desk],
    );
    return rows[0]!.run;
  }

  /**
   * Insert a batch (a JSON array of events, bodies as canonical JSON) and read back what the server
   * then holds under the batch's keys, in one transaction that commits only if `check` returns: a
   * batch the server stored otherwise than sent is rolled back, never left for a later run to count
   * as held. The rows the insert added come back from the insert itself, every column as stored;
   * only the keys it did not add (held before, or moved by the server) are read again. Returns how
   * many rows the batch added.
   */
  async insertChecked(eventId: string, batchJson: string, keys: readonly StoredKey[], check: (added: AddedRow[], held: ServerRow[]) => void): Promise<number> {
    await this.client.query('BEGIN');
    try {
      const added = await this.client.query<AddedRow>(
        `INSERT INTO loket_events (event_id, desk, seq, hlc, operator, type, body, hash)
         SELECT $1::text, e.desk, e.seq, e.hlc, e.operator, e.type, e.body, e.hash
         FROM json_to_recordset($2::json) AS e(desk text, seq integer, hlc text, operator text, type text, body jsonb, hash text)
         ON CONFLICT (event_id, desk, seq) DO NOTHING
         RETURNING event_id AS "eventId", desk, seq, hlc, operator, type, body, hash`,
        [eventId, batchJson],
      );
      const taken = new Set(added.rows.filter((r) => r.eventId === eventId).map((r) => `${r.desk}:${r.seq}`));
      const rest = keys.filter((k) => !taken.has(`${k.desk}:${k.seq}`));
      check(added.rows, rest.length > 0 ? await this.copiesOf(eventId, rest) : []);
      await this.client.query('COMMIT');
      return added.rows.length;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * What the server holds under these keys, read by runs of consecutive keys, each a range of the
   * primary key: joined key by key, the planner scanned the event's whole table (115 ms a batch at 100k events).
   */
  private async copiesOf(eventId: string, keys: readonly StoredKey[]): Promise<ServerRow[]> {
    const runs = keyRuns(keys);
    const { rows } = await this.client.query<ServerRow>(
      `SELECT e.desk, e.seq, e.hlc, e.operator, e.type, e.body, e.hash
       FROM unnest($2::text[], $3::integer[], $4::integer[]) AS r(desk, first, last)
       JOIN LATERAL (SELECT * FROM loket_events WHERE event_id = $1 AND desk = r.desk AND seq BETWEEN r.first AND r.last) e ON true`,
      [eventId, runs.map((r) => r.desk), runs.map((r) => r.first), runs.map((r) => r.last)],
    );
    return rows;
  }

  /** Keys of this event whose stored body still holds personal data. */
  async unredacted(eventId: string): Promise<StoredKey[]> {
    const { rows } = await this.client.query<StoredKey>(
      "SELECT desk, seq FROM loket_events WHERE event_id = $1 AND type = ANY($2::text[]) AND NOT body ? 'redacted'",
      [eventId, [...PERSONAL_EVENT_TYPES]],
    );
    return rows;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
