import { expect, it } from 'vitest';
import { uplinkOverview } from '../../../electron/core/services/uplink-service';
import { runCli } from '../../helpers/cli';
import { openEventDesk } from '../../helpers/desk-fixture';
import { freePort } from '../../helpers/postgres-cluster';
import { useTempDirs } from '../../helpers/temp-dir';

/** How the uplink knows what the server stored, and where it is told which server. */
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
