import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const PDFS = ['daftar-hadir.pdf', 'berita-acara-serah-terima.pdf', 'rekap.pdf', 'ringkasan-ekspor.pdf'];

describe('loket export', () => {
  beforeAll(requireBuild);

  it('writes the folder, PDFs included, and answers with the files, their hashes and completeness', async () => {
    const data = tempDir();
    expect((await runCli(['init', '--data', data, '--name', 'Fasilitasi Halal', '--date', '2024-05-21', '--json'])).code).toBe(0);
    const out = join(tempDir(), 'laporan');
    const run = await runCli(['export', '--data', data, '--out', out, '--separator', ',', '--json']);
    expect(run.code).toBe(0);
    const result = run.json as { folder: string; files: { name: string; sha256: string }[]; complete: boolean; warnings: string[] };
    expect(result).toMatchObject({ folder: out, complete: true, warnings: [] });
    expect(result.files.map((f) => f.name)).toEqual(expect.arrayContaining(['laporan-harian.xlsx', ...PDFS]));
    for (const pdf of PDFS) {
      const bytes = readFileSync(join(out, pdf));
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      expect(result.files.find((f) => f.name === pdf)!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(readFileSync(join(out, 'rekap.csv'), 'utf8').startsWith('\uFEFFKode,Kabupaten/Kota')).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ complete: true, files: result.files });

    const [bad, noPdf] = await Promise.all([
      runCli(['export', '--data', data, '--out', out, '--separator', '|']),
      runCli(['export', '--data', data, '--out', join(tempDir(), 'data-only'), '--no-pdf', '--json']),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--separator');
    expect(noPdf.code).toBe(0);
    expect((noPdf.json as typeof result).files.filter((f) => f.name.endsWith('.pdf'))).toEqual([]);
  });

  it('says plainly, in the operator’s language, that --out names a file and not a folder, and leaves the file alone', async () => {
    const data = tempDir();
    expect((await runCli(['init', '--data', data, '--name', 'Fasilitasi Halal', '--date', '2024-05-21'])).code).toBe(0);
    const file = join(tempDir(), 'laporan.xlsx');
    writeFileSync(file, 'the organizer’s own spreadsheet');
    const [id, en] = await Promise.all([
      runCli(['export', '--data', data, '--out', file, '--no-pdf', '--json']),
      runCli(['export', '--data', data, '--out', file, '--no-pdf', '--lang', 'en']),
    ]);
    expect(id.code).toBe(1);
    expect(id.json).toMatchObject({ error: { code: 'export_folder_unusable', params: { detail: 'EEXIST' } } });
    expect(id.stderr).toContain('sudah ada berkas dengan nama itu');
    expect(en.stderr).toContain('a file has that name');
    for (const run of [id, en]) expect(run.stderr).not.toMatch(/unexpected|kesalahan/i);
    expect(readFileSync(file, 'utf8')).toBe('the organizer’s own spreadsheet');
  });
});
