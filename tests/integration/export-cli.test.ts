import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('loket export', () => {
  beforeAll(requireBuild);

  it('writes the folder and answers with the files, their hashes and completeness', async () => {
    const data = tempDir();
    expect((await runCli(['init', '--data', data, '--name', 'Fasilitasi Halal', '--date', '2024-05-21', '--json'])).code).toBe(0);
    const out = join(tempDir(), 'laporan');
    const run = await runCli(['export', '--data', data, '--out', out, '--separator', ',', '--no-pdf', '--json']);
    expect(run.code).toBe(0);
    const result = run.json as { folder: string; files: { name: string; sha256: string }[]; complete: boolean; warnings: string[] };
    expect(result).toMatchObject({ folder: out, complete: true, warnings: [] });
    expect(result.files.map((f) => f.name)).toContain('laporan-harian.xlsx');
    expect(readFileSync(join(out, 'rekap.csv'), 'utf8').startsWith('\uFEFFKode,Kabupaten/Kota')).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ complete: true, files: result.files });

    const bad = await runCli(['export', '--data', data, '--out', out, '--separator', '|']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--separator');
  });
});
