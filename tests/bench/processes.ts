import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { percentiles, type Percentiles } from './measure';

/** Wall time of a process from spawn to exit, in ms. */
export function processMs(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): number {
  const start = performance.now();
  const run = spawnSync(command, args, { env, stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${run.status}`);
  return performance.now() - start;
}

/** Each command `runs` times, taking turns, so that a busy moment of the machine falls on all of them alike. */
export function interleaved(runs: number, commands: Record<string, readonly string[]>): Record<string, Percentiles> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, [command, ...args]] of Object.entries(commands)) samples[name]!.push(processMs(command!, args));
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, percentiles(v)]));
}

export interface FreshDesk {
  openMs: number;
  /** From the start of the open to the first search answered (by reading every name, the index not yet built). */
  firstSearchMs: number;
  /** From the start of the open to the search index in place (built on a worker thread). */
  indexReadyMs: number;
  peakRssMb: number;
}

/** Open the desk in a process of its own (tests/bench/open-desk.mjs), `runs` times: the median of each figure. */
export function openInFreshProcess(dataDir: string, runs = 3): FreshDesk {
  const script = fileURLToPath(new URL('./open-desk.mjs', import.meta.url));
  const samples = Array.from({ length: runs }, () => {
    const run = spawnSync(process.execPath, [script, dataDir], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as FreshDesk;
  });
  const median = (key: keyof FreshDesk) => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  return { openMs: median('openMs'), firstSearchMs: median('firstSearchMs'), indexReadyMs: median('indexReadyMs'), peakRssMb: median('peakRssMb') };
}

/** The floor of a start-up (tests/bench/read-rows.mjs): the participants' rows read and parsed, nothing else; the median of `runs`. */
export function readRowsInFreshProcess(dataDir: string, runs = 3): { ms: number; peakRssMb: number } {
  const script = fileURLToPath(new URL('./read-rows.mjs', import.meta.url));
  const samples = Array.from({ length: runs }, () => {
    const run = spawnSync(process.execPath, [script, dataDir], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout) as { ms: number; peakRssMb: number };
  });
  const median = (key: 'ms' | 'peakRssMb') => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(runs / 2)]!;
  return { ms: median('ms'), peakRssMb: median('peakRssMb') };
}

/** Peak resident memory of a running process (Linux), in MB. */
export function peakRssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** Start a long-running process; resolves with its first line matching `ready` and the ms it took. */
export function startUntil(command: string, args: readonly string[], ready: RegExp, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; match: RegExpExecArray; ms: number }> {
  const start = performance.now();
  // Its own process group: `npm start` runs node under npm under sh, and all of them are stopped together.
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  return new Promise((resolve, reject) => {
    let out = '';
    const take = (c: Buffer) => {
      out += c.toString();
      const match = ready.exec(out);
      if (match) resolve({ child, match, ms: performance.now() - start });
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.once('exit', (code) => reject(new Error(`${command} exited ${code}: ${out}`)));
  });
}

/** Stop a process started by startUntil, with everything it started. */
export function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    process.kill(-child.pid!, 'SIGTERM');
  });
}

export interface ServedDesk {
  /** Spawn → the address printed: modules loaded, desk opened, server listening. */
  listeningMs: number;
  /** Spawn → the first search answered (it builds the search index). */
  firstSearchMs: number;
  peakRssMb: number;
}

/** `loket serve` from spawn to its first search answered over HTTP, as a desk is started and used. */
export async function serveUntilFirstSearch(cliPath: string, dataDir: string): Promise<ServedDesk> {
  const started = performance.now();
  const { child, match, ms } = await startUntil(process.execPath, [cliPath, 'serve', '--data', dataDir, '--port', '0'], /Loket: (http:\/\/\S+)\//, process.env);
  try {
    const origin = match[1]!;
    const res = await fetch(`${origin}/api/search`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Loket-Client': '1', Origin: origin },
      body: JSON.stringify({ query: 'siti' }),
    });
    if (!((await res.json()) as { ok: boolean }).ok) throw new Error('the search failed');
    return { listeningMs: ms, firstSearchMs: performance.now() - started, peakRssMb: peakRssMb(child) };
  } finally {
    await stopGroup(child);
  }
}
