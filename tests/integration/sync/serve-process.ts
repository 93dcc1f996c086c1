import { spawn, type ChildProcess } from 'node:child_process';
import { cliPath } from '../../helpers/built-core';
import { runCli } from '../../helpers/cli';

export interface Served {
  url: string;
  child: ChildProcess;
  log: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * `loket serve` as its own process; resolves once it prints its URL. `wrap` runs it inside another
 * command (`ip netns exec NS`), `extra` adds options (`--host`, `--announce`).
 */
export function serve(dir: string, peers: string[] = [], options: { wrap?: string[]; extra?: string[] } = {}): Promise<Served> {
  const argv = [process.execPath, cliPath, 'serve', '--data', dir, '--port', '0', ...peers.flatMap((p) => ['--peer', p]), ...(options.extra ?? [])];
  const [command, ...args] = [...(options.wrap ?? []), ...argv];
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Loket: (http:\/\/[0-9.]+:\d+)\//.exec(out);
      if (m)
        resolve({
          url: m[1]!,
          child,
          log: () => stderr,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill(signal);
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
}

export interface StatusJson {
  participants: number;
  checkedIn: number;
  digest: string;
  desks: { id: string; seq: number }[];
}

export async function statusOf(dir: string): Promise<StatusJson> {
  const r = await runCli(['status', '--data', dir, '--json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return r.json as StatusJson;
}

/** Poll until `check` passes or the deadline expires (then its last failure is thrown). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000, everyMs = 150): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}
