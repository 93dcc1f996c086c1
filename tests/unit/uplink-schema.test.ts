import { describe, expect, it } from 'vitest';
import { REGENCIES } from '../../shared/domain/regency';
import { UsageError } from '../../electron/core/cli/args';
import { uplink } from '../../electron/core/cli/commands/uplink';
import { printableSchema, UPLINK_MIGRATIONS } from '../../electron/core/uplink/schema';
import { openEventDesk } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('the uplink schema and command', () => {
  it('names every regency in the attendance view as the desk does', () => {
    const sql = UPLINK_MIGRATIONS.join('\n');
    for (const r of REGENCIES) expect(sql, r.code).toContain(`('${r.code}', '${r.name}')`);
    expect(sql.match(/\('63\.\d\d', '[^']+'\)/g)).toHaveLength(REGENCIES.length);
  });

  it('prints one transaction a DBA can apply, with the grants to give', () => {
    const sql = printableSchema();
    expect(sql.match(/^BEGIN;$/gm)).toHaveLength(1);
    expect(sql).toMatch(/^COMMIT;$/m);
    expect(sql).toContain(`'SELECT ${UPLINK_MIGRATIONS.length}'`);
    expect(sql).toContain('GRANT SELECT, INSERT ON loket_events TO loket_uplink');
  });

  it('takes no password on its command line', async () => {
    const desk = openEventDesk(tempDir());
    desk.close();
    await expect(uplink(['--data', desk.dataDir, '--once', '--url', 'postgres://u:pw@127.0.0.1:1/d'])).rejects.toThrow(UsageError);
  });
});
