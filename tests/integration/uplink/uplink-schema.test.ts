import { expect, it } from 'vitest';
import { SCHEMA_LOCK } from '../../../electron/core/uplink/postgres-link';
import { migrationSql, SCHEMA_VERSION } from '../../../electron/core/uplink/schema';
import { runCli } from '../../helpers/cli';
import { openEventDesk } from '../../helpers/desk-fixture';
import { useTempDirs } from '../../helpers/temp-dir';
import { eventually } from '../sync/serve-process';
import { describeWithPostgres, useProvince } from './province';

/** The uplink's own migrations on a real PostgreSQL, taken in turns. */
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
});
