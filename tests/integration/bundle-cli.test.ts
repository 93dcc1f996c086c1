import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('loket bundle import of a file it must refuse', () => {
  beforeAll(requireBuild);

  it('says why in the operator\'s language, takes nothing in, and exits 1', async () => {
    const ours = tempDir();
    const theirs = tempDir();
    openEventDesk(ours, [person({ nib: '6301000000001' })]).close();
    // Another event: its own event key, so our bundle cannot be opened there.
    openEventDesk(theirs, []).close();
    const file = join(tempDir(), 'meja-1.loketbundle');
    expect((await runCli(['bundle', 'export', '--data', ours, file])).code).toBe(0);

    const foreign = await runCli(['bundle', 'import', '--data', theirs, file]);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/Bundel ini rusak atau dari acara lain/);

    const spreadsheet = join(tempDir(), 'daftar.xlsx');
    writeFileSync(spreadsheet, 'PK\x03\x04 not a bundle');
    const wrongFile = await runCli(['bundle', 'import', '--data', ours, spreadsheet, '--lang', 'en']);
    expect(wrongFile.code).toBe(1);
    expect(wrongFile.stderr).toMatch(/not a complete Loket bundle: nothing was taken in/);

    const status = await runCli(['status', '--data', theirs, '--json']);
    expect((status.json as { participants: number }).participants).toBe(0);
  });
});
