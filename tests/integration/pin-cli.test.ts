import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { cliPath, requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const PIN = '86420975';
const EVENT = ['--name', 'Fasilitasi Halal', '--date', '2024-05-21'];

/**
 * `loket purge` on a terminal (script(1) gives it a pseudo-terminal): the PIN is typed only once
 * the prompt shows, as a person would, and everything the terminal showed comes back.
 */
function purgeOnTerminal(dir: string, pin: string): Promise<{ code: number; screen: string }> {
  return new Promise((resolve, reject) => {
    const command = `'${process.execPath}' '${cliPath}' purge --data '${dir}' --lang en`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let typed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (!typed && screen.includes('PIN:')) {
        typed = true;
        child.stdin.write(`${pin}\r`);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, screen }));
  });
}

function hasEvent(dir: string): boolean {
  const desk = Desk.open(dir);
  const found = desk.event() !== null;
  desk.close();
  return found;
}

describe('the organizer PIN on the command line', () => {
  beforeAll(requireBuild);

  it('is never an option: init and purge refuse --pin and say where to give it', async () => {
    const dir = tempDir();
    for (const args of [['init', '--data', dir, ...EVENT, '--pin', PIN], ['init', '--data', dir, ...EVENT, `--pin=${PIN}`], ['purge', '--data', dir, '--pin', PIN]]) {
      const run = await runCli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('LOKET_PIN');
    }
    expect(hasEvent(dir)).toBe(false);
  });

  it('is read from LOKET_PIN or the first line of stdin, and must have 8 to 12 digits', async () => {
    const fromEnv = tempDir();
    const init = await runCli(['init', '--data', fromEnv, ...EVENT, '--json'], { LOKET_PIN: PIN });
    expect(init.code).toBe(0);
    expect((init.json as { pin?: string }).pin).toBeUndefined();
    expect(init.stdout).not.toContain(PIN);
    const purge = await runCli(['purge', '--data', fromEnv, '--json'], { LOKET_PIN: '11112222' });
    expect(purge.json).toMatchObject({ error: { code: 'wrong_pin' } });
    expect((await runCli(['purge', '--data', fromEnv, '--json'], {}, `${PIN}\n`)).json).toMatchObject({ error: { code: 'export_required' } });

    const fromStdin = tempDir();
    expect((await runCli(['init', '--data', fromStdin, ...EVENT], {}, `${PIN}\nignored\n`)).code).toBe(0);
    expect((await runCli(['purge', '--data', fromStdin, '--json'], {}, `${PIN}\n`)).json).toMatchObject({ error: { code: 'export_required' } });
    expect((await runCli(['purge', '--data', fromStdin, '--json'], {}, '')).code).toBe(2);

    const short = tempDir();
    const refused = await runCli(['init', '--data', short, ...EVENT, '--lang', 'en'], { LOKET_PIN: '123456' });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('8–12 digits');
    expect(hasEvent(short)).toBe(false);
  });

  it('is typed at a prompt that does not echo it', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--data', dir, ...EVENT], { LOKET_PIN: PIN })).code).toBe(0);
    const run = await purgeOnTerminal(dir, PIN);
    expect(run.screen).toContain('organizer PIN:');
    // Accepted (the purge goes on to its next check), and never shown.
    expect(run.screen).toContain('only after the report has been exported');
    expect(run.screen).not.toContain(PIN);
    expect(run.code).toBe(1);
  });
});
