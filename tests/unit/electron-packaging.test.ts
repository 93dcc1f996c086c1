import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * What CI can check of the installers without the Electron download packaging needs: the three
 * bundles build, and electron-builder accepts its configuration (its own loader and schema).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const out = mkdtempSync(join(tmpdir(), 'loket-electron-out-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

type BuilderConfig = Record<string, any>;
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const validate = (config: BuilderConfig) => validateConfiguration(config, new DebugLogger(false));
const targets = (platform: { target: { target: string }[] }) => platform.target.map((t) => t.target);

describe('the Electron bundles', () => {
  it('build: main (ESM, core inside), a CommonJS preload that needs only electron, the renderer', { timeout: 240_000 }, async () => {
    const cli = join(root, 'node_modules/electron-vite/bin/electron-vite.js');
    await promisify(execFile)(process.execPath, [cli, 'build', '--logLevel', 'warn'], {
      cwd: root,
      env: { ...process.env, LOKET_ELECTRON_OUT: out },
      timeout: 240_000,
    });
    const main = readFileSync(join(out, 'main/index.js'), 'utf8');
    const preload = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
    expect(existsSync(join(out, 'renderer/index.html'))).toBe(true);
    // The entry computes these paths next to itself; they must be the files the build wrote.
    expect(main).toContain('../preload/index.cjs');
    expect(main).toContain('../renderer');
    expect(main).toMatch(/from "electron"|from 'electron'/);
    expect(main).not.toMatch(/from ["'][./]+core\//);
    // A sandboxed preload may require nothing but electron: no bundled-away dependency may leak in.
    expect([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("loketShell"');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.js');
  });
});

describe('the electron-builder configuration', () => {
  it('is valid for electron-builder, and its schema check does catch a mistake', async () => {
    const config = await getConfig(root, null, null);
    await expect(validate(config)).resolves.toBeUndefined();
    await expect(validate({ ...config, nsis: { ...config['nsis'], oneClik: false } })).rejects.toThrow(/configuration/);
  });

  it('builds Windows NSIS and portable, Linux AppImage and deb, named Loket with the icon in build/', async () => {
    const config = await getConfig(root, null, null);
    expect(config).toMatchObject({ productName: 'Loket', directories: { buildResources: 'build' } });
    expect(config['appId']).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(targets(config['win']).sort()).toEqual(['nsis', 'portable']);
    expect(targets(config['linux']).sort()).toEqual(['AppImage', 'deb']);
    const png = readFileSync(join(root, config['win'].icon));
    // PNG signature, then IHDR width and height: Windows' .ico is made from a PNG of at least 256 px.
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(existsSync(join(root, 'build/icon.svg'))).toBe(true);
  });

  it('packs the bundles into an asar, unpacks native modules, rebuilds them for Electron and flips the fuses', async () => {
    const config = await getConfig(root, null, null);
    // The loader normalises the list into one filter.
    expect(config['files']).toEqual([{ filter: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'] }]);
    expect(config['asar']).toBe(true);
    expect(config['asarUnpack']).toContain('**/*.node');
    expect(config['npmRebuild']).toBe(true);
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('refuses to rebuild native modules while npm points node-gyp at the system Node headers', async () => {
    const config = await getConfig(root, null, null);
    const hook = (require(join(root, config['beforeBuild'])) as { default: () => Promise<boolean> }).default;
    const saved = process.env['npm_config_nodedir'];
    try {
      process.env['npm_config_nodedir'] = '/usr';
      await expect(hook()).rejects.toThrow(/nodedir/);
      delete process.env['npm_config_nodedir'];
      await expect(hook()).resolves.toBe(true);
    } finally {
      if (saved === undefined) delete process.env['npm_config_nodedir'];
      else process.env['npm_config_nodedir'] = saved;
    }
  });
});
