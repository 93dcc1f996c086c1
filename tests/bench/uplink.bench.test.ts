import { afterAll, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Desk } from '../../electron/core/desk';
import { generateParticipants } from '../../electron/core/demo/participants';
import { recordImport } from '../../electron/core/services/import-service';
import { invitation } from '../../electron/core/sync/join';
import type { OnceResult } from '../../electron/core/sync/sync-once';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { openEventDesk } from '../helpers/desk-fixture';
import { postgresBin, startCluster, type Cluster } from '../helpers/postgres-cluster';
import { useTempDirs } from '../helpers/temp-dir';
import { serve, type Served } from '../integration/sync/serve-process';
import { round, timeOnce } from './measure';

/**
 * The province uplink of 100k events into a throw-away PostgreSQL on loopback (`loket uplink
 * --once`, its own process, timed from dialling to done), beside the LAN catch-up of the same log
 * to a new desk (`loket join`, timed the same way) in the same run; the bytes each event takes on
 * the server, and what reading the views costs at that size.
 */
const EVENTS = 100_000;

const tempDir = useTempDirs();
const stops: (() => unknown)[] = [];
afterAll(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

it.skipIf(!postgresBin())('uplink: 100k events into PostgreSQL, beside the LAN catch-up', async () => {
  requireBuild();
  const dir = tempDir();
  const source = openEventDesk(dir);
  const people = generateParticipants(EVENTS, 7);
  recordImport(source, 'bench.xlsx', { rows: EVENTS, candidates: people.map((fields, i) => ({ fields, source: { sheet: 'S', row: i + 2 } })), errors: [], warnings: [], sheets: [] }, 'bench');
  const total = source.store.count();
  const eventId = source.requireEvent().eventId;
  const digest = source.store.digest();
  source.close();

  // The LAN peer first: a `loket serve` process and a new desk joining it.
  const served: Served = await serve(dir);
  stops.push(() => served.stop('SIGKILL'));
  const inviting = Desk.open(dir);
  const code = invitation(inviting, [served.url]).code;
  inviting.close();
  execFileSync('sync');
  const joined = await runCli(['join', '--data', tempDir(), '--code', code, '--json']);
  const lan = joined.json as OnceResult | null;
  if (!lan) throw new Error(`join failed: ${joined.stderr}`);
  await served.stop();

  const cluster: Cluster = await startCluster();
  stops.push(() => cluster.destroy());
  const owner = await cluster.role('loket_owner');
  await cluster.createDatabase('province', 'loket_owner');
  const env = { LOKET_UPLINK_URL: owner.url('province') };
  execFileSync('sync');
  const first = await runCli(['uplink', '--data', dir, '--once', '--json'], env);
  const up = first.json as { pushed: number; ms: number } | null;
  if (!up || up.pushed !== total) throw new Error(`uplink pushed ${up?.pushed} of ${total}: ${first.stderr}`);
  const again = (await runCli(['uplink', '--data', dir, '--once', '--json'], env)).json as { pushed: number; ms: number };

  const db = await cluster.admin('province');
  await db.query('VACUUM ANALYZE loket_events');
  const size = (
    await db.query(
      "SELECT pg_table_size('loket_events')::float8 AS heap, pg_indexes_size('loket_events')::float8 AS index, count(*)::integer AS n FROM loket_events",
    )
  ).rows[0] as { heap: number; index: number; n: number };
  const attendance = await timeOnce(() => db.query('SELECT * FROM loket_attendance WHERE event_id = $1', [eventId]));
  const handovers = await timeOnce(() => db.query('SELECT * FROM loket_handovers WHERE event_id = $1', [eventId]));
  const serverDigest = (await db.query('SELECT hash FROM loket_events')).rows.map((r: { hash: string }) => r.hash);
  await db.end();
  const { setDigest } = await import('../../electron/core/store/event-hash');
  if (setDigest(serverDigest) !== digest) throw new Error('the server does not hold the same events');

  const lanMs = lan.ms - lan.deriveMs;
  const results = {
    events: total,
    uplink: { ms: up.ms, eventsPerSecond: round(total / (up.ms / 1000)), rerunMs: again.ms, rerunPushed: again.pushed },
    lan: { ms: round(lanMs), eventsPerSecond: round(total / (lanMs / 1000)) },
    server: { bytesPerEvent: round((size.heap + size.index) / size.n, 1), heapBytesPerEvent: round(size.heap / size.n, 1), indexBytesPerEvent: round(size.index / size.n, 1) },
    views: { attendanceMs: round(attendance.ms), handoversMs: round(handovers.ms) },
  };
  const report = [
    `# Uplink benchmark (${new Date().toISOString()}, Node ${process.version}, ${total.toLocaleString('en')} events)`,
    '',
    '| Measure | Figure |',
    '| --- | --- |',
    `| Uplink into PostgreSQL on loopback (\`loket uplink --once\`, each event hash-checked before and body-checked after) | ${round(up.ms / 1000, 1)} s, **${Math.round(results.uplink.eventsPerSecond)} events/s** |`,
    `| Peer in the same run: LAN catch-up to a new desk (\`loket join\`, stored durably) | ${round(lanMs / 1000, 1)} s, ${Math.round(results.lan.eventsPerSecond)} events/s |`,
    `| Uplink ÷ LAN catch-up | ${round(results.uplink.eventsPerSecond / results.lan.eventsPerSecond, 2)}× |`,
    `| Re-run with nothing to send (pushes ${again.pushed}) | ${round(again.ms / 1000, 2)} s |`,
    `| Bytes per event on the server (table + primary key) | ${results.server.bytesPerEvent} (${results.server.heapBytesPerEvent} + ${results.server.indexBytesPerEvent}) |`,
    `| \`SELECT * FROM loket_attendance WHERE event_id = …\` at this size | ${round(attendance.ms)} ms |`,
    `| \`SELECT * FROM loket_handovers WHERE event_id = …\` | ${round(handovers.ms)} ms |`,
    '',
    'Both processes open the same 100k-event desk; the uplink creates the schema on the first run (the role owns the database).',
    'PostgreSQL 15 runs with its defaults (fsync on) in a temp folder on the same disk.',
  ].join('\n');
  console.log(report);
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/uplink.md', `${report}\n`);
  writeFileSync('tests/bench/results/uplink.json', JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
});
