import { mkdirSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { seedDemoEvent } from '../../electron/core/demo/seed';
import { Desk } from '../../electron/core/desk';
import { cliPath, projectRoot } from '../helpers/built-core';
import { useTempDirs } from '../helpers/temp-dir';
import { round } from './measure';
import { interleaved, startUntil, stopGroup } from './processes';

const tempDir = useTempDirs();
const results: Record<string, unknown> = {};

/** A UI's first answer after `command` starts: its address printed, then the page served. */
async function untilUiAnswers(command: string, args: string[]): Promise<number> {
  // No display: no browser window is opened; port 0: whatever is free.
  const env = { ...process.env, LOKET_PORT: '0', DISPLAY: '', WAYLAND_DISPLAY: '' };
  const started = performance.now();
  const { child, match } = await startUntil(command, args, /Loket: (http:\/\/\S+)/, env);
  try {
    const res = await fetch(match[1]!);
    if (!res.ok) throw new Error(`the UI answered ${res.status}`);
    await res.text();
    return performance.now() - started;
  } finally {
    await stopGroup(child);
  }
}

it('measures the command line and npm start', async () => {
  // The size of the demo desk after a real import on top: 1,137 participants.
  const dir = tempDir();
  const desk = Desk.open(dir);
  seedDemoEvent(desk, { count: 1137 });
  desk.close();

  // Bare node is the floor: no command can start faster than the runtime it runs on.
  const runs = interleaved(21, {
    bare: [process.execPath, '-e', '0'],
    help: [process.execPath, cliPath, '--help'],
    status: [process.execPath, cliPath, 'status', '--data', dir, '--json'],
  });
  results.processes = runs;

  // `npm start` on an unchanged checkout (npm run bench built it), against rebuilding everything first as it used to.
  const npmStart = [];
  for (let i = 0; i < 3; i++) npmStart.push(await untilUiAnswers('npm', ['start', '--', '--data', dir]));
  const rebuildFirst = await untilUiAnswers('sh', ['-c', `cd "${projectRoot}" && node build/build-stale.mjs --all && node out/core/start.js --data "${dir}"`]);
  const npmStartMs = [...npmStart].sort((a, b) => a - b)[1]!;
  results.npmStart = { ms: npmStart, rebuildFirstMs: rebuildFirst };

  const bare = runs.bare!.p50;
  const lines = [
    'Processes, median of 21 runs each, taking turns (floor: a bare `node -e 0` in the same run):',
    '',
    '| command | p50 (ms) | p95 (ms) | p50 ÷ bare node |',
    '|---|---|---|---|',
    ...Object.entries({ 'node -e 0': runs.bare!, 'loket --help': runs.help!, 'loket status --json (1,137 participants)': runs.status! }).map(
      ([name, p]) => `| ${name} | ${round(p.p50, 0)} | ${round(p.p95, 0)} | ${round(p.p50 / bare, 2)}× |`,
    ),
    '',
    `npm start until the UI answers, unchanged checkout: ${(npmStartMs / 1000).toFixed(2)} s (median of 3); rebuilding everything first: ${(rebuildFirst / 1000).toFixed(1)} s`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/cli.json', JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
  writeFileSync('tests/bench/results/cli.md', `${lines.join('\n')}\n`);
});
