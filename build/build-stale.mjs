// Builds out/core (the desk core, the CLI, `npm start`) and out/renderer (the UI), each only when
// what it is built from changed since its last build: `npm start` on an unchanged checkout starts at
// once instead of rebuilding everything first. `--all` builds both regardless (`npm run build`, CI).
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamps = join(root, 'out', '.stamps');

/** Files every build reads: the dependencies' versions, the compiler settings and this script itself. */
const COMMON = ['package.json', 'package-lock.json', 'tsconfig.json', 'build/build-stale.mjs', 'shared'];

const TARGETS = [
  { name: 'core', config: 'vite.core.config.ts', inputs: [...COMMON, 'vite.core.config.ts', 'electron/core'], output: 'out/core/cli.js' },
  { name: 'renderer', config: 'vite.config.ts', inputs: [...COMMON, 'vite.config.ts', 'svelte.config.js', 'renderer'], output: 'out/renderer/index.html' },
];

function* files(path) {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) if (name !== 'node_modules') yield* files(join(path, name));
}

/** A hash of every input file's path and content: unlike times, it survives checkouts and copies. */
function inputsHash(target) {
  const hash = createHash('sha256');
  for (const input of target.inputs) {
    for (const file of files(join(root, input))) hash.update(`${relative(root, file)}\0`).update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

const stampOf = (target) => join(stamps, target.name);

function stale(target, hash) {
  if (!existsSync(join(root, target.output)) || !existsSync(stampOf(target))) return true;
  return readFileSync(stampOf(target), 'utf8') !== hash;
}

const all = process.argv.includes('--all');
const due = TARGETS.map((target) => ({ target, hash: inputsHash(target) })).filter(({ target, hash }) => all || stale(target, hash));
if (due.length === 0) {
  process.stdout.write('build: out/ is up to date\n');
} else {
  const { build } = await import('vite');
  mkdirSync(stamps, { recursive: true });
  for (const { target, hash } of due) {
    // No stamp while building: a build that fails half way is redone next time.
    rmSync(stampOf(target), { force: true });
    process.stdout.write(`build: ${target.name}\n`);
    await build({ configFile: join(root, target.config), logLevel: 'warn' });
    writeFileSync(stampOf(target), hash);
  }
  chmodSync(join(root, 'out/core/cli.js'), 0o755);
}
