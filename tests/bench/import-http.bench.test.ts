import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';
import { it } from 'vitest';
import { generateParticipants } from '../../electron/core/demo/participants';
import { writeCsv } from '../../electron/core/demo/messy-workbook';
import type { ApiMethod, ApiResults, ImportPreview, ImportResult } from '../../shared/api';
import { FILE_CALL_JSON_LENGTH, FILE_CALL_TYPE } from '../../shared/file-call';
import { openEventDesk, PIN } from '../helpers/desk-fixture';
import { cliPath, requireBuild } from '../helpers/built-core';
import { useTempDirs } from '../helpers/temp-dir';
import { percentiles, round, type Percentiles } from './measure';
import { peakRssMb, startUntil, stopGroup } from './processes';

/**
 * What an operator feels while the organizer imports a big list on the same desk: `loket serve`
 * with 100,000 participants; one client sends a 50 MB CSV for the dry run and then the commit, as
 * the UI's HTTP client does, while another client, in a process of its own, checks people in
 * through the same API every 15 ms. The same check-ins on the idle desk are the floor.
 */
const tempDir = useTempDirs();
const DESK_PEOPLE = 100_000;
const FILE_ROWS = 370_000;
const PERIOD_MS = 15;
const IDLE_MS = 5_000;

interface Sample {
  at: number;
  ms: number;
  ok: boolean;
}

/** The second client: tests/bench/checkin-sampler.mjs. */
async function startSampler(origin: string, nibs: string[]) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./checkin-sampler.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  child.stdin!.write(`${JSON.stringify({ origin, periodMs: PERIOD_MS, nibs })}\n`);
  if ((await lines.next()).value !== 'ready') throw new Error('the check-in sampler did not start');
  return {
    async stop(): Promise<Sample[]> {
      child.stdin!.end('stop\n');
      return JSON.parse((await lines.next()).value as string) as Sample[];
    },
  };
}

/** The organizer's page: its calls as renderer/src/lib/client.ts sends them, a file as shared/file-call.ts says. */
function organizerPage(origin: string) {
  const headers = { 'X-Loket-Client': '1', 'X-Loket-Session': 'bench-organizer-session-0001', Origin: origin };
  async function send<M extends ApiMethod>(method: M, body: string | Uint8Array, contentHeaders: Record<string, string>): Promise<ApiResults[M]> {
    const res = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { ...headers, ...contentHeaders }, body });
    const result = (await res.json()) as { ok: true; value: ApiResults[M] } | { ok: false; error: { code: string } };
    if (!result.ok) throw new Error(`${method}: ${result.error.code}`);
    return result.value;
  }
  return {
    call: <M extends ApiMethod>(method: M, input: object) => send(method, JSON.stringify(input), { 'Content-Type': 'application/json' }),
    withFile<M extends 'previewImport' | 'commitImport'>(method: M, fileName: string, content: Uint8Array) {
      const json = Buffer.from(JSON.stringify({ fileName }));
      return send(method, Buffer.concat([json, content]), { 'Content-Type': FILE_CALL_TYPE, [FILE_CALL_JSON_LENGTH]: String(json.length) });
    },
  };
}

const now = () => performance.timeOrigin + performance.now();

async function during<T>(work: () => Promise<T>): Promise<{ from: number; to: number; value: T }> {
  const from = now();
  const value = await work();
  return { from, to: now(), value };
}

interface Phase {
  checkins: Percentiles;
  failed: number;
  ms: number;
}

function phase(samples: Sample[], window: { from: number; to: number }): Phase {
  const inside = samples.filter((s) => s.at >= window.from && s.at < window.to);
  return { checkins: percentiles(inside.map((s) => s.ms)), failed: inside.filter((s) => !s.ok).length, ms: window.to - window.from };
}

/**
 * Under Electron the list comes by IPC. Electron cannot run here; its main process deserializes a
 * message with V8's ValueDeserializer, which node:v8 uses too. V8 copies a typed array out of the
 * message where Node's deserializer makes a view of it, so the copy is timed with it. The old
 * message carried the list as base64 text.
 */
function ipcDeserializeMs(content: Uint8Array): { bytes: number; base64: number } {
  const median = (fn: () => void) => {
    const runs = Array.from({ length: 5 }, () => {
      const start = performance.now();
      fn();
      return performance.now() - start;
    }).sort((a, b) => a - b);
    return runs[2]!;
  };
  const asBytes = serialize({ fileName: 'besar.csv', content });
  const asBase64 = serialize({ fileName: 'besar.csv', contentBase64: Buffer.from(content).toString('base64') });
  return {
    bytes: median(() => new Uint8Array((deserialize(asBytes) as { content: Uint8Array }).content)),
    base64: median(() => deserialize(asBase64)),
  };
}

it('measures check-ins through the HTTP API while a 50 MB list is imported through it', async () => {
  requireBuild();
  const dir = tempDir();
  const people = generateParticipants(DESK_PEOPLE, 21);
  openEventDesk(dir, people).close();
  const csv = writeCsv(generateParticipants(FILE_ROWS, 12), { separator: ';', encoding: 'utf-8', bom: true });
  const { child, match } = await startUntil(process.execPath, [cliPath, 'serve', '--data', dir, '--port', '0'], /Loket: (http:\/\/\S+)\//, process.env);
  try {
    const origin = match[1]!;
    const organizer = organizerPage(origin);
    await organizer.call('unlockOrganizer', { pin: PIN });
    const sampler = await startSampler(
      origin,
      people.map((p) => p.nib!),
    );
    const idle = await during(() => new Promise((resolve) => setTimeout(resolve, IDLE_MS)));
    const preview = await during((): Promise<ImportPreview> => organizer.withFile('previewImport', 'besar.csv', csv));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const commit = await during((): Promise<ImportResult> => organizer.withFile('commitImport', 'besar.csv', csv));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const samples = await sampler.stop();
    if (preview.value.valid !== FILE_ROWS || commit.value.imported !== FILE_ROWS) throw new Error(`previewed ${preview.value.valid}, imported ${commit.value.imported}`);

    const r = {
      idle: phase(samples, idle),
      preview: phase(samples, preview),
      commit: phase(samples, commit),
      csvMb: csv.length / 2 ** 20,
      serveRssMb: peakRssMb(child),
      ipcDeserializeMs: ipcDeserializeMs(csv),
    };
    const row = (name: string, p: Phase) =>
      `| ${name} | ${(p.ms / 1000).toFixed(1)} s | ${p.checkins.n} | ${round(p.checkins.p50, 1)} / ${round(p.checkins.p95, 1)} / ${round(p.checkins.max, 1)} ms | ${p.failed} |`;
    const report = [
      `| \`loket serve\`, ${DESK_PEOPLE.toLocaleString('en')} participants; check-ins through the API every ${PERIOD_MS} ms | took | check-ins | p50 / p95 / max | failed |`,
      '|---|---|---|---|---|',
      row('idle desk (the floor)', r.idle),
      row(`dry run of a ${Math.round(r.csvMb)} MB CSV (${FILE_ROWS.toLocaleString('en')} rows) through the API`, r.preview),
      row('its commit through the API', r.commit),
      '',
      `Peak RSS of \`loket serve\`: ${Math.round(r.serveRssMb)} MB. Under Electron the list comes by IPC instead: deserializing that message ` +
        `on the main process (V8's deserializer, timed in Node) takes ${round(r.ipcDeserializeMs.bytes, 1)} ms with the file's bytes, ` +
        `${round(r.ipcDeserializeMs.base64, 1)} ms with the same file as base64 text (before file calls).`,
    ].join('\n');
    console.log(`\n${report}\n`);
    mkdirSync('tests/bench/results', { recursive: true });
    writeFileSync('tests/bench/results/import-http.json', JSON.stringify({ at: new Date().toISOString(), results: r }, null, 2));
    writeFileSync('tests/bench/results/import-http.md', `${report}\n`);
  } finally {
    await stopGroup(child);
  }
});
