import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * The layering rules of design.md §1, checked on import statements:
 * - shared/ is pure: relative imports inside shared/ and 'zod' only;
 * - renderer/ never imports electron/, 'electron' or Node built-ins;
 * - electron/core/ never imports 'electron' nor the renderer;
 * - only electron/main and electron/preload import 'electron'.
 */
export interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function layerOf(root: string, file: string): string {
  const rel = relative(root, file).split(sep);
  if (rel[0] === 'electron') return `electron/${rel[1]}`;
  return rel[0] ?? '';
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|svelte|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

export function checkFile(root: string, file: string, source: string): Violation[] {
  const layer = layerOf(root, file);
  const found: Violation[] = [];
  for (const specifier of importsOf(source)) {
    const bare = !specifier.startsWith('.');
    const target = bare ? null : layerOf(root, resolve(dirname(file), specifier));
    const isElectron = specifier === 'electron' || specifier.startsWith('electron/');
    const flag = (rule: string) => found.push({ file: relative(root, file), specifier, rule });
    if (layer === 'shared') {
      if (bare && specifier !== 'zod') flag('shared/ imports only shared/ and zod');
      if (target && target !== 'shared') flag('shared/ imports only shared/');
    } else if (layer === 'renderer') {
      if (isElectron || BUILTINS.has(specifier)) flag('renderer/ has no Electron or Node');
      if (target?.startsWith('electron')) flag('renderer/ never imports electron/');
    } else if (layer.startsWith('electron/')) {
      const shell = layer === 'electron/main' || layer === 'electron/preload';
      if (isElectron && !shell) flag("only electron/main and electron/preload import 'electron'");
      if (target === 'renderer') flag('electron/ never imports renderer/');
      if (layer === 'electron/core' && (target === 'electron/main' || target === 'electron/preload')) {
        flag('electron/core does not depend on the Electron shell');
      }
    }
  }
  return found;
}

export function checkLayers(root: string): Violation[] {
  const found: Violation[] = [];
  for (const top of ['shared', 'renderer', 'electron']) {
    for (const file of sourceFiles(join(root, top))) found.push(...checkFile(root, file, readFileSync(file, 'utf8')));
  }
  return found;
}
