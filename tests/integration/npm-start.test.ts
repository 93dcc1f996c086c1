import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, requireBuild } from '../helpers/built-core';
import { useTempDirs } from '../helpers/temp-dir';
import { statusOf } from './sync/serve-process';

const tempDir = useTempDirs();

/** `npm start -- ARGS` as npm runs it after the build step: until it prints its address, then stopped. */
function start(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  // No display, so no browser window; port 0; a home of its own, so the default data folder is never touched.
  const child = spawn(process.execPath, [join(projectRoot, 'out/core/start.js'), ...args], {
    env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', LOKET_PORT: '0', HOME: tempDir(), XDG_DATA_HOME: tempDir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let answered = false;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (answered || !/Loket: http:\/\/\S+/.test(out)) return;
      answered = true;
      child.kill('SIGTERM');
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => (answered ? resolve(out) : reject(new Error(`start exited ${code}: ${out}`))));
  });
}

describe('npm start', () => {
  beforeAll(requireBuild);

  it('runs the demo in a folder of one’s choice, a real desk in another, and keeps LOKET_DATA working', async () => {
    const [demo, real, byEnv, demoByEnv] = [tempDir(), tempDir(), tempDir(), tempDir()];
    expect(await start(['--data', demo, '--demo'], {})).toContain(`(data: ${demo};`);
    await start(['--data', real], {});
    await start([], { LOKET_DATA: byEnv });
    await start(['--demo'], { LOKET_DATA: demoByEnv });
    expect((await statusOf(demo)).participants).toBe(1000);
    expect((await statusOf(demoByEnv)).participants).toBe(1000);
    // A folder of its own without --demo opens on the first-run screen: no event, nobody listed.
    for (const dir of [real, byEnv]) expect(await statusOf(dir)).toMatchObject({ participants: 0, checkedIn: 0 });
    // Started again, the demo folder keeps what it has (no second demo on top).
    await start(['--data', demo, '--demo'], {});
    expect((await statusOf(demo)).participants).toBe(1000);
  });

  it('builds only what changed since the last build, and rebuilds what did', () => {
    // A copy of what the build reads, so the shared out/ of the other tests stays as it is.
    const copy = tempDir();
    for (const part of ['package.json', 'package-lock.json', 'tsconfig.json', 'build', 'shared', 'electron/core', 'renderer', 'vite.core.config.ts', 'vite.config.ts', 'svelte.config.js']) {
      cpSync(join(projectRoot, part), join(copy, part), { recursive: true });
    }
    symlinkSync(join(projectRoot, 'node_modules'), join(copy, 'node_modules'));
    const build = () => {
      const run = spawnSync(process.execPath, [join(copy, 'build/build-stale.mjs')], { cwd: copy, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      return run.stdout.split('\n').filter((line) => line.startsWith('build:'));
    };
    const builtAt = (file: string) => statSync(join(copy, 'out', file)).mtimeMs;
    const help = () => spawnSync(process.execPath, [join(copy, 'out/core/cli.js'), '--help'], { encoding: 'utf8' }).stdout;

    expect(build()).toEqual(['build: core', 'build: renderer']);
    const core = builtAt('core/cli.js');
    const renderer = builtAt('renderer/index.html');
    expect(build()).toEqual(['build: out/ is up to date']);
    expect([builtAt('core/cli.js'), builtAt('renderer/index.html')]).toEqual([core, renderer]);

    const output = join(copy, 'electron/core/cli/output.ts');
    writeFileSync(output, readFileSync(output, 'utf8').replace('  loket status  --data DIR', '  loket status  --data DIR   (rebuilt)'));
    expect(build()).toEqual(['build: core']);
    expect(help()).toContain('(rebuilt)');
    expect(builtAt('renderer/index.html')).toBe(renderer);

    const css = join(copy, 'renderer/src/app.css');
    writeFileSync(css, `${readFileSync(css, 'utf8')}\n/* changed */\n`);
    expect(build()).toEqual(['build: renderer']);
    expect(builtAt('renderer/index.html')).toBeGreaterThan(renderer);
    expect(build()).toEqual(['build: out/ is up to date']);
  });
});
