import { expect, it } from 'vitest';
import { uplinkOverview } from '../../../electron/core/services/uplink-service';
import { uplinkState } from '../../../electron/core/uplink/uplink-settings';
import { runCli } from '../../helpers/cli';
import { importGenerated, openEventDesk } from '../../helpers/desk-fixture';
import { freePort, urlFile } from '../../helpers/postgres-cluster';
import { useTempDirs } from '../../helpers/temp-dir';
import { describeWithPostgres, serverDigest, serverRows, statusJson, uplinkOnce, useProvince } from './province';

/** How the uplink knows what the server stored, and where it is told which server: against a real PostgreSQL. */
const tempDir = useTempDirs();

it('a --once run that cannot connect leaves its error where the settings card reads it', async () => {
  const desk = openEventDesk(tempDir());
  const port = await freePort();
  const r = await runCli(['uplink', '--data', desk.dataDir, '--once', '--lang', 'en'], { LOKET_UPLINK_URL: `postgres://loket_uplink@127.0.0.1:${port}/province` });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('ECONNREFUSED');
  const error = uplinkOverview(desk).error;
  expect(error?.detail).toContain(`loket_uplink@127.0.0.1:${port}/province`);
  expect(error?.detail).toContain('ECONNREFUSED');
});

describeWithPostgres('what the province server stores, checked before it commits', () => {
  const province = useProvince();

  /** A server-side trigger (the superuser's, as a DBA or an intruder could add) that changes one row on its way in. */
  async function alterOnInsert(eventId: string, desk: string, seq: number, change: string): Promise<() => Promise<void>> {
    await province.db.query(`CREATE FUNCTION loket_test_alter() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.event_id = '${eventId}' AND NEW.desk = '${desk}' AND NEW.seq = ${seq} THEN ${change}; END IF;
        RETURN NEW;
      END $$`);
    await province.db.query('CREATE TRIGGER loket_test_alter BEFORE INSERT ON loket_events FOR EACH ROW EXECUTE FUNCTION loket_test_alter()');
    return async () => void (await province.db.query('DROP FUNCTION loket_test_alter() CASCADE'));
  }

  for (const [what, change] of [
    ['a body', `NEW.body := NEW.body || '{"altered": true}'`],
    ['an hlc', `NEW.hlc := '000000000000000.000000'`],
  ] as const) {
    it(`a batch the server stores with ${what} changed is rolled back, raised as an alarm, and not counted as held`, async () => {
      const desk = openEventDesk(tempDir());
      importGenerated(desk, 2_500, 21);
      const eventId = desk.requireEvent().eventId;
      const total = desk.store.count();
      const server = `loket_uplink@127.0.0.1:${province.cluster.port}/province`;
      // In the second batch (seq 2001 on): the first commits, the second must not.
      const drop = await alterOnInsert(eventId, desk.id, 2_100, change);
      try {
        for (let run = 1; run <= 2; run++) {
          const r = await runCli(['uplink', '--data', desk.dataDir, '--once', '--lang', 'en'], { LOKET_UPLINK_URL: province.uplinkUrl });
          expect(r.code, `run ${run}`).toBe(1);
          expect(r.stderr).toContain(`stored record ${desk.id}:2100 differently`);
          expect((await serverRows(province.db, eventId)).map((x) => x.seq)).toEqual(Array.from({ length: 2_000 }, (_, i) => i + 1));
          expect(uplinkState(desk)?.error?.detail).toContain(`${desk.id}:2100`);
          expect((await statusJson(desk.dataDir)).alarms).toEqual([expect.objectContaining({ desk: desk.id, seq: 2_100, peer: `uplink:${server}`, count: run })]);
        }
      } finally {
        await drop();
      }
      expect(await uplinkOnce(desk.dataDir, province.uplinkUrl)).toMatchObject({ pushed: total - 2_000, events: total, alarms: 0 });
      expect(await serverDigest(province.db, eventId)).toBe(desk.store.digest());
      expect(uplinkState(desk)?.error).toBeNull();
    });
  }

  it('takes the URL from --url-file, and refuses one with a password on the command line', async () => {
    const desk = openEventDesk(tempDir());
    const file = urlFile(tempDir(), province.uplinkUrl);
    const r = await runCli(['uplink', '--data', desk.dataDir, '--url-file', file, '--once', '--json'], { LOKET_UPLINK_URL: '' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ pushed: desk.store.count(), events: desk.store.count(), server: `loket_uplink@127.0.0.1:${province.cluster.port}/province` });

    const { password } = new URL(province.uplinkUrl);
    const refused = await runCli(['uplink', '--data', desk.dataDir, '--url', province.uplinkUrl, '--once', '--lang', 'en'], { LOKET_UPLINK_URL: '' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('no password on the command line');
    expect(refused.stderr).not.toContain(password);
    // The same URL without it, the password from PGPASSWORD: accepted.
    const bare = province.uplinkUrl.replace(`:${password}@`, '@');
    expect(await runCli(['uplink', '--data', desk.dataDir, '--url', bare, '--once', '--json'], { LOKET_UPLINK_URL: '', PGPASSWORD: password })).toMatchObject({
      code: 0,
      json: { pushed: 0, events: desk.store.count() },
    });
  });
});
