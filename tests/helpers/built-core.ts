import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cliPath = fileURLToPath(new URL('../../out/core/cli.js', import.meta.url));

/** Integration tests drive the built core, as users do; `npm test` builds it first. */
export function requireBuild(): void {
  if (!existsSync(cliPath)) throw new Error('out/core is missing: run `npm run build` (npm test does it for you)');
}

/** The core as built (out/core/index.js), typed as its source: what the kiosk and `loket serve` run, workers included. */
export type BuiltCore = typeof import('../../electron/core/index');

export function builtCore(): Promise<BuiltCore> {
  return import(new URL('../../out/core/index.js', import.meta.url).href) as Promise<BuiltCore>;
}
