import { expect, it } from 'vitest';
import pg from 'pg';
import { SCHEMA_LOCK } from '../../../electron/core/uplink/postgres-link';
import { migrationSql, SCHEMA_VERSION } from '../../../electron/core/uplink/schema';
import { runCli } from '../../helpers/cli';
import { openEventDesk } from '../../helpers/desk-fixture';
import { useTempDirs } from '../../helpers/temp-dir';
import { eventually } from '../sync/serve-process';
import { describeWithPostgres, printedGrants, uplinkOnce, useProvince } from './province';

/** The uplink's own migrations on a real PostgreSQL: taken in turns, and carried to databases made by older ones. */
const tempDir = useTempDirs();

describeWithPostgres('the uplink schema, migrated by the uplink', () => {
  const province = useProvince();
  const urlOf = (url: string, database: string) => url.replace(/\/province$/, `/${database}`);

  it('two uplinks waiting for the schema lock while another migration commits both find that schema and push', async () => {
    await province.cluster.createDatabase('raced', 'loket_owner');
    const holder = await province.cluster.admin('raced');
    const watch = await province.cluster.admin('raced');
    try {
      await holder.query('BEGIN');
      await holder.query('SET LOCAL ROLE loket_owner');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      const desks = [openEventDesk(tempDir()), openEventDesk(tempDir())];
      const runs = Promise.all(desks.map((d) => runCli(['uplink', '--data', d.dataDir, '--once', '--json'], { LOKET_UPLINK_URL: urlOf(province.ownerUrl, 'raced') })));
      // Both wait for the transaction-scoped lock (ended with the migration, pooled or not) inside the
      // transaction they migrate in, begun before this one commits: their catalog caches predate the schema.
      await eventually(async () => {
        const { rows } = await watch.query(
          `SELECT a.query FROM pg_locks l JOIN pg_stat_activity a USING (pid)
           WHERE l.locktype = 'advisory' AND NOT l.granted AND a.application_name = 'loket-uplink'`,
        );
        expect(rows.map((r: { query: string }) => r.query)).toEqual(Array(2).fill('SELECT pg_advisory_xact_lock($1)'));
      });
      for (let v = 1; v <= SCHEMA_VERSION; v++) await holder.query(migrationSql(v));
      await holder.query('COMMIT');
      const done = await runs;
      for (const [i, r] of done.entries()) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.json).toMatchObject({ pushed: desks[i]!.store.count() });
      }
      expect((await watch.query('SELECT count(*)::integer AS n FROM loket_events')).rows[0].n).toBe(desks[0]!.store.count() + desks[1]!.store.count());
    } finally {
      await holder.end();
      await watch.end();
    }
  });

  it('a database an older Loket made gets loket_handovers with exactly the issue\'s columns, and keeps its grants', async () => {
    await province.cluster.createDatabase('older', 'loket_owner');
    const older = await province.cluster.admin('older');
    try {
      await older.query('SET ROLE loket_owner');
      for (const v of [1, 2]) await older.query(migrationSql(v));
      for (const grant of printedGrants('loket_uplink')) await older.query(grant);
      await older.query('RESET ROLE');
      await older.query('CREATE ROLE loket_reports NOLOGIN');
      await older.query('GRANT SELECT ON loket_handovers TO loket_reports WITH GRANT OPTION');
      const acl = async () =>
        (
          await older.query(
            "SELECT a.grantee::regrole::text AS grantee, a.privilege_type, a.is_grantable FROM aclexplode((SELECT relacl FROM pg_class WHERE relname = 'loket_handovers')) AS a ORDER BY 1, 2",
          )
        ).rows;
      const before = await acl();
      expect(before).toContainEqual({ grantee: 'loket_reports', privilege_type: 'SELECT', is_grantable: true });

      const desk = openEventDesk(tempDir());
      expect(await uplinkOnce(desk.dataDir, urlOf(province.ownerUrl, 'older'))).toMatchObject({ pushed: desk.store.count() });
      expect((await older.query('SELECT loket_schema_version() AS v')).rows[0].v).toBe(SCHEMA_VERSION);
      const columns = await older.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'loket_handovers' ORDER BY ordinal_position");
      expect(columns.rows.map((r: { column_name: string }) => r.column_name)).toEqual(['event_id', 'regency_code', 'certificates', 'in_person', 'by_representative', 'remaining']);
      expect(await acl()).toEqual(before);
      const asUplink = new pg.Client({ connectionString: urlOf(province.uplinkUrl, 'older') });
      await asUplink.connect();
      try {
        expect((await asUplink.query('SELECT count(*)::integer AS n FROM loket_handovers')).rows[0].n).toBe(0);
      } finally {
        await asUplink.end();
      }
    } finally {
      await older.end();
    }
  });
});
