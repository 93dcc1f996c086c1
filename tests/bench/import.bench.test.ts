import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { it } from 'vitest';
import { generateParticipants } from '../../electron/core/demo/participants';
import { writeCsv, writeLargeWorkbook } from '../../electron/core/demo/messy-workbook';
import { openEventDesk } from '../helpers/desk-fixture';
import { builtCore, requireBuild, type BuiltCore } from '../helpers/built-core';
import { useTempDirs } from '../helpers/temp-dir';
import { zipBomb } from '../fuzz/zip-writer';
import { percentiles, round, timeOnce, type Percentiles } from './measure';

/**
 * Imports through the built core (out/core), as the kiosk runs them: read on the import worker,
 * the dry run first, then the commit. The 100k-row list is the same one the desk bench used.
 */
type Desk = ReturnType<BuiltCore['Desk']['open']>;
const tempDir = useTempDirs();
const results: Record<string, unknown> = {};
const ROWS = 100_000;

/** A data folder with an event and an operator, opened by the built core. */
function builtDesk(lib: BuiltCore, people = generateParticipants(0, 1)) {
  const dir = tempDir();
  openEventDesk(dir, people).close();
  const desk = lib.Desk.open(dir);
  return desk;
}

/** Wall time and the process's CPU time (all threads: the worker, GC helpers) of one step. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu = process.cpuUsage();
  const run = await timeOnce(fn);
  const used = process.cpuUsage(cpu);
  return { ...run, cpuMs: (used.user + used.system) / 1000 };
}

/** Bytes this process has had written to storage so far (Linux). */
function bytesWritten(): number {
  return Number(/^write_bytes: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
}

async function dryRunThenCommit(lib: BuiltCore, fileName: string, bytes: Uint8Array) {
  const desk = builtDesk(lib);
  const input = { fileName, content: bytes };
  const dry = await timed(() => lib.previewImport(desk, input));
  const before = bytesWritten();
  const commit = await timed(() => lib.commitImport(desk, input));
  // What the commit wrote (WAL, then the database), beside the database it made: the floor is each page once in each.
  const written = { mb: (bytesWritten() - before) / 1e6, databaseMb: statSync(join(desk.dataDir, 'loket.db')).size / 1e6 };
  desk.close();
  const cold = builtDesk(lib);
  const alone = await timed(() => lib.commitImport(cold, input));
  cold.close();
  if (commit.value.imported !== ROWS || alone.value.imported !== ROWS) throw new Error(`imported ${commit.value.imported}`);
  return {
    dryRunMs: dry.ms,
    commitMs: commit.ms,
    totalMs: dry.ms + commit.ms,
    commitWithoutDryRunMs: alone.ms,
    written,
    cpu: { dryRunMs: dry.cpuMs, commitMs: commit.cpuMs, commitWithoutDryRunMs: alone.cpuMs },
  };
}

interface ChildRead {
  ms: number;
  /** Peak RSS, and the RSS once the reader's code was loaded (before the file was read). */
  rssMb: number;
  loadedMb: number;
  rows: number;
  /** The refusal's code, when the file was refused. */
  refused?: string;
}

/** One reader in a process of its own, for its peak memory; the clock starts once its code is loaded. */
function readInChild(reader: 'own' | 'sheetjs', file: string): ChildRead {
  const core = JSON.stringify(new URL('../../out/core/index.js', import.meta.url).href);
  const script = `
    const { readFileSync } = await import('node:fs');
    // VmHWM, not resourceUsage().maxRSS: Linux carries the forking parent's peak over into the child's.
    const peakMb = () => Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
    const bytes = readFileSync(${JSON.stringify(file)});
    const lib = ${JSON.stringify(reader)} === 'own' ? await import(${core}) : await import('@e965/xlsx');
    console.error = () => {};
    const loadedMb = peakMb();
    const start = performance.now();
    let rows = 0;
    let refused;
    try {
      if (${JSON.stringify(reader)} === 'own') {
        for (const s of await lib.readTable(bytes, 'f')) rows += s.rows.length;
      } else {
        const wb = lib.read(bytes, { type: 'buffer', dense: true, cellFormula: true, cellHTML: false, cellDates: false });
        for (const n of wb.SheetNames) rows += lib.utils.sheet_to_json(wb.Sheets[n], { header: 1, raw: true }).length;
      }
    } catch (error) {
      refused = error.code ?? String(error);
    }
    const ms = performance.now() - start;
    process.stdout.write(JSON.stringify({ ms, rssMb: peakMb(), loadedMb, rows, refused }));`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout) as ChildRead;
}

/** LibreOffice headless, one invocation per format, with a profile of its own. */
function libreOffice(format: string, file: string, outDir: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', format, '--outdir', outDir, file], { stdio: 'ignore' });
  return join(outDir, file.split('/').pop()!.replace(/\.xlsx$/, `.${format}`));
}

/**
 * Check-ins while `work` runs, one every 10 ms: how long each waited past its due time and then took.
 * That is what an operator feels when a dry run is under way on the same desk.
 */
async function checkinsDuring(lib: BuiltCore, desk: Desk, nibs: string[], work: () => Promise<unknown>): Promise<Percentiles> {
  const samples: number[] = [];
  let done = false;
  let i = 0;
  const finished = work().finally(() => (done = true));
  while (!done) {
    const due = performance.now() + 10;
    await new Promise((resolve) => setTimeout(resolve, 10));
    lib.checkIn(desk, { nib: nibs[i++ % nibs.length]! }, 'bench');
    samples.push(performance.now() - due);
  }
  await finished;
  return percentiles(samples);
}

it('measures imports', async () => {
  requireBuild();
  const lib = await builtCore();
  const people = generateParticipants(ROWS, 11);
  const xlsx = await writeLargeWorkbook(people);
  const csv = writeCsv(people, { separator: ';', encoding: 'utf-8', bom: true });
  results.xlsx = await dryRunThenCommit(lib, 'bench.xlsx', xlsx);
  results.csv = await dryRunThenCommit(lib, 'bench.csv', csv);

  // The readers compared on the same list, each in its own process; .ods and .xls as LibreOffice saves them.
  const dir = tempDir();
  const xlsxFile = join(dir, 'daftar.xlsx');
  writeFileSync(xlsxFile, xlsx);
  const odsFile = libreOffice('ods', xlsxFile, dir);
  const xlsFile = libreOffice('xls', xlsxFile, dir);
  results.readers = {
    ownXlsx: readInChild('own', xlsxFile),
    sheetjsXlsx: readInChild('sheetjs', xlsxFile),
    sheetjsOds: readInChild('sheetjs', odsFile),
    // .xls holds at most 65,536 rows: LibreOffice keeps the first 65,536 of the list.
    sheetjsXls: readInChild('sheetjs', xlsFile),
  };

  // A check-in while a 50 MB CSV is dry-run on the same desk, against check-ins with nothing else running.
  const big = generateParticipants(370_000, 12);
  const csv50 = writeCsv(big, { separator: ';', encoding: 'utf-8', bom: true });
  const desk = builtDesk(lib, generateParticipants(2_000, 13));
  const nibs = [...desk.view.all()].map((p) => p.nib!);
  const quiet = await checkinsDuring(lib, desk, nibs.slice(0, 300), () => new Promise((r) => setTimeout(r, 3000)));
  const input = { fileName: 'besar.csv', content: csv50 };
  const during = await checkinsDuring(lib, desk, nibs.slice(300), () => lib.previewImport(desk, input));
  desk.close();
  results.checkinDuring50MbCsv = { csvMb: csv50.length / 2 ** 20, quiet, during };

  // The zip bomb: 400 KB that inflates to 385 MB, refused in a process of its own.
  const bombFile = join(dir, 'bom.xlsx');
  writeFileSync(bombFile, zipBomb(385));
  results.zipBomb = readInChild('own', bombFile);

  const r = results as {
    xlsx: Awaited<ReturnType<typeof dryRunThenCommit>>;
    csv: Awaited<ReturnType<typeof dryRunThenCommit>>;
    readers: Record<string, ChildRead>;
    zipBomb: ChildRead;
  };
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const reader = (name: string, x: ChildRead) =>
    `| ${name} | ${x.rows.toLocaleString('en')} | ${s(x.ms)} | ${Math.round(x.rssMb)} MB (${Math.round(x.rssMb - x.loadedMb)} MB above its loaded code) |`;
  const report = [
    '| import of 100,000 rows (built core, import worker) | dry run | commit after it | together | commit with no dry run before |',
    '|---|---|---|---|---|',
    `| XLSX | ${s(r.xlsx.dryRunMs)} | ${s(r.xlsx.commitMs)} | ${s(r.xlsx.totalMs)} | ${s(r.xlsx.commitWithoutDryRunMs)} |`,
    `| XLSX, CPU time (all threads) | ${s(r.xlsx.cpu.dryRunMs)} | ${s(r.xlsx.cpu.commitMs)} | ${s(r.xlsx.cpu.dryRunMs + r.xlsx.cpu.commitMs)} | ${s(r.xlsx.cpu.commitWithoutDryRunMs)} |`,
    `| CSV | ${s(r.csv.dryRunMs)} | ${s(r.csv.commitMs)} | ${s(r.csv.totalMs)} | ${s(r.csv.commitWithoutDryRunMs)} |`,
    '',
    `Written to disk by the XLSX commit: ${Math.round(r.xlsx.written.mb)} MB for a database of ${Math.round(r.xlsx.written.databaseMb)} MB ` +
      `(${round(r.xlsx.written.mb / r.xlsx.written.databaseMb, 2)}×; each page once in the WAL and once in the database would be 2×).`,
    '',
    `The reader alone (own reader, same XLSX, below) in the same run: ${s(r.readers.ownXlsx!.ms)}; ` +
      `XLSX dry run + commit = ${round(r.xlsx.totalMs / r.readers.ownXlsx!.ms, 1)}× it, the commit alone ${round(r.xlsx.commitMs / r.readers.ownXlsx!.ms, 1)}×.`,
    '',
    '| reader (a process of its own each) | rows | time | peak RSS |',
    '|---|---|---|---|',
    reader('own reader, XLSX', r.readers.ownXlsx!),
    reader('SheetJS (@e965/xlsx 0.20.3), same XLSX', r.readers.sheetjsXlsx!),
    reader('SheetJS, .ods (LibreOffice)', r.readers.sheetjsOds!),
    reader('SheetJS, .xls (LibreOffice, first 65,536 rows)', r.readers.sheetjsXls!),
    '',
    `Check-in every 10 ms, wait past due + its own time: p50/p95/max ${round(quiet.p50)} / ${round(quiet.p95)} / ${round(quiet.max)} ms on a quiet desk; ` +
      `${round(during.p50)} / ${round(during.p95)} / ${round(during.max)} ms during the dry run of a ${Math.round(csv50.length / 2 ** 20)} MB CSV ` +
      '(through the HTTP API: import-http.md).',
    '',
    `A 400 KB XLSX inflating to 385 MB: ${r.zipBomb.refused ?? 'NOT refused'} in ${round(r.zipBomb.ms)} ms, peak RSS ${Math.round(r.zipBomb.rssMb)} MB, ` +
      `${Math.round(r.zipBomb.rssMb - r.zipBomb.loadedMb)} MB above the loaded core.`,
  ].join('\n');
  console.log(`\n${report}\n`);
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/import.json', JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
  writeFileSync('tests/bench/results/import.md', `${report}\n`);
});
