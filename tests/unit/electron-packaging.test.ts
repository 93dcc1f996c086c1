import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FONT_FILES } from '../../electron/core/export/documents/layout/fonts';

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
type FileFilter = (file: string, stat: Stats & { moduleFullFilePath: string }) => boolean;
const { FileMatcher, getNodeModuleFileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => { createFilter(): FileFilter };
  getNodeModuleFileMatcher(appDir: string, to: string, expand: (s: string) => string, platformOptions: object, packager: object): { patterns: string[] };
};

const validate = (config: BuilderConfig) => validateConfiguration(config, new DebugLogger(false));

/**
 * The files of production dependency `module` that packaging copies, as far as `files` decides:
 * electron-builder's own node-module matcher, applied as its NodeModuleCopyHelper walks a module
 * (paths relative to the app, a refused directory not entered). Its fixed exclusions (READMEs, …) are not modelled.
 */
function packagedFiles(config: BuilderConfig, module: string): string[] {
  const same = (s: string) => s;
  const { patterns } = getNodeModuleFileMatcher(root, '/app', same, {}, { config, debugLogger: { isEnabled: false } });
  const dir = join(root, 'node_modules', module);
  const filter = new FileMatcher(dir, join('/app/node_modules', module), same, patterns).createFilter();
  const kept: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const file = join(at, name);
      const stat = Object.assign(lstatSync(file), { moduleFullFilePath: join('node_modules', module, relative(dir, file)) });
      if (!filter(file, stat)) continue;
      if (stat.isDirectory()) walk(file);
      else kept.push(relative(dir, file));
    }
  };
  walk(dir);
  return kept.sort();
}
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
    // The workers are found beside the code that starts them (new URL('./x-worker.js', import.meta.url)):
    // a worker missing there would quietly run its work on the main thread.
    for (const worker of ['decode-worker.js', 'import-worker.js', 'search-worker.js', 'qr-worker.js', 'checkpoint-worker.js']) {
      const starters = (readdirSync(join(out, 'main'), { recursive: true }) as string[]).filter((f) => f.endsWith('.js') && readFileSync(join(out, 'main', f), 'utf8').includes(`./${worker}`));
      expect(starters.length, worker).toBeGreaterThan(0);
      for (const starter of starters) expect(existsSync(join(out, 'main', dirname(starter), worker)), `${worker} beside ${starter}`).toBe(true);
    }
  });
});

const BUNDLES = ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json'];
const PRUNED = [
  '!**/node_modules/dejavu-fonts-ttf/!(LICENSE|package.json|ttf)',
  '!**/node_modules/dejavu-fonts-ttf/ttf/!(DejaVuSans.ttf|DejaVuSans-Bold.ttf|DejaVuSansMono.ttf)',
  '!**/node_modules/pdfkit/js/{pdfkit.standalone.js,pdfkit.browser.*}',
];

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
    expect(config['files']).toEqual([{ filter: [...BUNDLES, ...PRUNED] }]);
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

  it("leaves out the DejaVu faces the reports do not embed and pdfkit's browser builds", async () => {
    const config = await getConfig(root, null, null);
    const ttf = (files: string[]) => files.filter((f) => f.endsWith('.ttf'));
    // Without the exclusions every face would go: the walk does see them.
    const unpruned = { ...config, files: [{ filter: BUNDLES }] };
    expect(ttf(packagedFiles(unpruned, 'dejavu-fonts-ttf'))).toHaveLength(22);
    expect(packagedFiles(unpruned, 'pdfkit')).toContain('js/pdfkit.standalone.js');

    const fonts = packagedFiles(config, 'dejavu-fonts-ttf');
    expect(ttf(fonts)).toEqual(Object.values(FONT_FILES).map((f) => `ttf/${f}`).sort());
    expect(fonts).toEqual(['LICENSE', 'package.json', ...ttf(fonts)].sort());
    const pdfkit = packagedFiles(config, 'pdfkit');
    expect(pdfkit.filter((f) => /browser|standalone/.test(f))).toEqual([]);
    // What Node loads stays: the ESM build Electron's main bundle imports, the CommonJS one, and Helvetica, which pdfkit opens every document with.
    const entry = relative(join(root, 'node_modules/pdfkit'), require.resolve('pdfkit'));
    expect(pdfkit).toEqual(expect.arrayContaining(['js/pdfkit.node.mjs', entry, 'js/standard-fonts/Helvetica.cjs', 'package.json']));
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
