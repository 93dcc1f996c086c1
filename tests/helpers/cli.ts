import { spawn } from 'node:child_process';
import { cliPath } from './built-core';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json: unknown;
}

/** Run the built `loket` CLI as a user would; `stdin`, when given, is piped in (else stdin is empty). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end(stdin);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      let json: unknown = null;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = null;
      }
      resolve({ code: code ?? -1, stdout, stderr, json });
    });
  });
}
