import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('loket certificates / handover', () => {
  beforeAll(requireBuild);

  it('imports the certificate list, hands over once, and refuses a second handover or another NIB', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--data', dir, '--demo'])).code).toBe(0);
    const desk = Desk.open(dir);
    const [a, b] = [...desk.view.all()].slice(0, 2);
    desk.close();
    const list = join(dir, 'sertifikat.csv');
    writeFileSync(list, `NIB;Nomor Sertifikat;Produk\n${a!.nib};ID63110000000000101;Dodol\n${b!.nib};ID63110000000000202;Amplang\n`);

    const dry = await runCli(['certificates', 'import', '--data', dir, list, '--dry-run', '--json']);
    expect(dry.json).toMatchObject({ rows: 2, imported: 2, dryRun: true });
    expect((await runCli(['certificates', 'import', '--data', dir, list, '--json'])).json).toMatchObject({ imported: 2 });

    const ok = await runCli(['handover', '--data', dir, '--nib', a!.nib!, '--cert', 'ID63110000000000101', '--representative', 'Ahmad', '--relationship', 'anak', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.json).toMatchObject({ status: 'diserahkan', handovers: [{ recipient: { kind: 'representative', name: 'Ahmad' } }] });

    const twice = await runCli(['handover', '--data', dir, '--nib', a!.nib!, '--cert', 'ID63110000000000101', '--json']);
    expect(twice.code).toBe(1);
    expect(twice.json).toMatchObject({ error: { code: 'already_handed_over' } });
    const wrong = await runCli(['handover', '--data', dir, '--nib', a!.nib!, '--cert', 'ID63110000000000202', '--json']);
    expect(wrong.code).toBe(1);
    expect(wrong.json).toMatchObject({ error: { code: 'wrong_envelope' } });
  });
});
