import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoEvent } from '../../electron/core/demo/seed';
import { Desk } from '../../electron/core/desk';
import { cliPath, projectRoot, requireBuild } from '../helpers/built-core';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const hooks = fileURLToPath(new URL('../helpers/record-loads.mjs', import.meta.url));

/** The packages and the source files (through the chunks' source maps) a CLI run loads. */
function loadedBy(args: string[]): { packages: string[]; sources: string[] } {
  const log = join(tempDir(), 'loads.txt');
  const run = spawnSync(process.execPath, ['--import', hooks, cliPath, ...args], { env: { ...process.env, LOKET_LOAD_LOG: log }, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const urls = readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  const packages = [...new Set(urls.flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1] ?? []))].sort();
  const chunks = urls.filter((f) => f.startsWith(join(projectRoot, 'out/core/')));
  const sources = chunks.flatMap((f) => (JSON.parse(readFileSync(`${f}.map`, 'utf8')) as { sources: string[] }).sources.map((s) => s.replace(/^(\.\.\/)+/, '')));
  return { packages, sources };
}

describe('what a command loads', () => {
  beforeAll(requireBuild);

  it('--help loads no package and none of the desk', () => {
    const { packages, sources } = loadedBy(['--help']);
    expect(packages).toEqual([]);
    expect(sources.filter((s) => s.startsWith('electron/core/') && !s.startsWith('electron/core/cli/') && s !== 'electron/core/api/wire-error.ts')).toEqual([]);
  });

  it('status loads the store and no PDF, spreadsheet, browser, sync or validation code', () => {
    const dir = tempDir();
    const desk = Desk.open(dir);
    seedDemoEvent(desk, { count: 50 });
    desk.close();
    const { packages, sources } = loadedBy(['status', '--data', dir, '--json']);
    expect(packages).toEqual(['better-sqlite3']);
    const heavy = /^electron\/core\/(export|import|badges|platform\/headless|server)\/|^electron\/core\/sync\/(?!running\.ts)|^shared\/(api|events)\.ts$/;
    expect(sources.filter((s) => heavy.test(s))).toEqual([]);
    expect(sources).toContain('electron/core/services/status-service.ts');
  });

  it('checkin by NIB loads the store and the contract, and nothing to print, read spreadsheets or sync', () => {
    const dir = tempDir();
    const desk = Desk.open(dir);
    seedDemoEvent(desk, { count: 50 });
    const nib = [...desk.view.all()][0]!.nib!;
    desk.close();
    expect(loadedBy(['checkin', '--data', dir, '--nib', nib]).packages).toEqual(['better-sqlite3', 'zod']);
  });
});
