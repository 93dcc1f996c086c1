import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/server/http-server';

/**
 * Electronegativity reads the Electron shell's source (TypeScript and HTML, not .svelte) and always
 * exits 0, so its SARIF report is the gate: any finding fails this test and is listed.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const messages = JSON.parse(readFileSync(join(toolDir, 'dist/locales/en-US.json'), 'utf8')) as Record<string, string>;
const csp = require('@doyensec/csp-evaluator') as CspEvaluatorModule;

const EXCLUDED = [
  // Fetches Electron's release list from the internet (there is none here); the version is pinned in package.json.
  'AvailableSecurityFixesGlobalCheck',
  // Flags every use of a preload for a manual review. Ours was reviewed: it exposes named functions
  // only, never ipcRenderer (electron-shell.test.ts checks exactly what it exposes).
  'PreloadJSCheck',
];

interface Finding {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine?: number } } }[];
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

async function electronegativity(input: string): Promise<Finding[]> {
  const out = join(mkdtempSync(join(tmpdir(), 'loket-en-')), 'report.sarif');
  scratch.push(dirname(out));
  const args = ['-i', input, '-r', '-x', EXCLUDED.join(','), '-e', '45.5.0', '-v', 'false', '-o', out];
  await promisify(execFile)(process.execPath, [join(toolDir, 'dist/index.js'), ...args], { env: { ...process.env, LANG: 'en_US.UTF-8' }, timeout: 120_000 });
  const sarif = JSON.parse(readFileSync(out, 'utf8')) as { runs: { results: Finding[] }[] };
  return sarif.runs.flatMap((run) => run.results);
}

function describeFinding(f: Finding): string {
  const where = f.locations.map((l) => `${l.physicalLocation.artifactLocation.uri}:${l.physicalLocation.region?.startLine ?? '?'}`).join(', ');
  return `${f.ruleId} (${f.level}) at ${where}: ${f.message.text}`;
}

/**
 * The evaluator's only remark on our policies is that `script-src 'self'` could be abused by a
 * JSONP endpoint, an Angular template or an uploaded file on the same origin. app://loket serves
 * nothing but the built renderer, so that one remark (and only at "maybe" strength) is accepted;
 * a missing, invalid or weak policy still fails.
 */
function acceptedCspRemark(f: Finding): boolean {
  return f.ruleId === 'CSP_GLOBAL_CHECK' && f.level === 'note' && f.message.text === messages['CSP_GLOBAL_CHECK_MAYBE_WEAK_CSP'];
}

interface CspEvaluatorModule {
  CspParser: new (policy: string) => { csp: unknown };
  CspEvaluator: new (policy: unknown, version: unknown) => { evaluate(): { severity: number; directive: string; value?: string }[] };
  Version: { CSP3: unknown };
  severities: Record<string, number>;
}

function cspRemarks(policy: string): string[] {
  const findings = new csp.CspEvaluator(new csp.CspParser(policy).csp, csp.Version.CSP3).evaluate();
  return findings.filter((f) => f.severity < csp.severities['INFO']!).map((f) => `${f.directive} ${f.value ?? ''}`.trim());
}

describe('electronegativity on the Electron shell and the renderer', () => {
  it('finds nothing', { timeout: 180_000 }, async () => {
    // One scan over both folders (symlinked, so node_modules stays out).
    const input = mkdtempSync(join(tmpdir(), 'loket-en-src-'));
    scratch.push(input);
    symlinkSync(join(root, 'electron'), join(input, 'electron'));
    symlinkSync(join(root, 'renderer'), join(input, 'renderer'));
    const findings = (await electronegativity(input)).filter((f) => !acceptedCspRemark(f));
    expect(findings.map(describeFinding), 'electronegativity findings').toEqual([]);
  });

  it('would fail on an insecure window (the gate works)', { timeout: 180_000 }, async () => {
    const input = mkdtempSync(join(tmpdir(), 'loket-en-bad-'));
    scratch.push(input);
    mkdirSync(join(input, 'main'));
    writeFileSync(
      join(input, 'main', 'index.ts'),
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const rules = new Set((await electronegativity(input)).map((f) => f.ruleId));
    expect([...rules]).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']),
    );
  });

  it('accepts of the Content Security Policies nothing but the remark on script-src self', () => {
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(readFileSync(join(root, 'renderer/index.html'), 'utf8'))?.[1];
    expect(meta).toBeDefined();
    for (const policy of [CONTENT_SECURITY_POLICY, meta!]) expect(cspRemarks(policy)).toEqual(["script-src 'self'"]);
    expect(cspRemarks("default-src 'self'; script-src 'self' 'unsafe-inline'")).toContain("script-src 'unsafe-inline'");
  });
});
