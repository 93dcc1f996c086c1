import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { it } from 'vitest';
import { BADGE_LAYOUTS } from '../../shared/api';
import { renderBadgeDocument } from '../../shared/badge/badge-html';
import { badgeKeys, signBadge } from '../../electron/core/badges/signing';
import { qrPath } from '../../electron/core/badges/qr-vector';
import { generateParticipants } from '../../electron/core/demo/participants';
import { recordImport } from '../../electron/core/services/import-service';
import { badgeOrder, participantNumber } from '../../electron/core/services/badge-service';
import { builtCore, requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { openEventDesk } from '../helpers/desk-fixture';
import { CHROMIUM } from '../helpers/e2e';
import { useTempDirs } from '../helpers/temp-dir';
import { timeOnce } from './measure';

const tempDir = useTempDirs();
const COUNT = 1_000;
const TARGET_MS = 2_000;

/**
 * 1000 badges into one PDF: drawn in Node (the service, and `loket badges` as a process), against
 * the same badges' HTML printed by headless Chromium as batches were made before, and against the
 * floor of signing and encoding 1000 QR codes alone, all in the same run.
 */
it('measures 1000 badges into one PDF', async () => {
  requireBuild();
  const desk = openEventDesk(tempDir());
  const people = generateParticipants(COUNT, 7);
  recordImport(desk, 'bench.xlsx', { rows: COUNT, candidates: people.map((fields, i) => ({ fields, source: { sheet: 'S', row: i + 2 } })), errors: [], warnings: [], sheets: [] }, 'bench');
  const keys = badgeKeys(desk.secret, desk.requireEvent().eventId);
  const order = badgeOrder(desk.view.all());

  const floor = await timeOnce(() => {
    // As the batch encodes them (one alphanumeric segment), on one thread.
    for (const p of order) qrPath(signBadge(keys, p.id));
  });

  desk.close();

  // Through the built core, as the desk runs it: its QR worker is a built file beside the core.
  const lib = await builtCore();
  const built = lib.Desk.open(desk.dataDir);
  // CPU time (all threads) beside wall time: on a machine shared with other work the wall time says little alone.
  const node: Record<string, { ms: number; cpuMs: number }> = {};
  for (const layout of ['a4', ...BADGE_LAYOUTS.filter((l) => l !== 'a4')] as const) {
    const cpu = process.cpuUsage();
    const { ms } = await timeOnce(() => lib.batchBadges(built, { layout }, 'bench'));
    const used = process.cpuUsage(cpu);
    node[layout] = { ms, cpuMs: (used.user + used.system) / 1000 };
  }
  built.close();
  const cli = await timeOnce(() => runCli(['badges', '--data', desk.dataDir, '--out', join(tempDir(), 'kartu.pdf'), '--layout', 'a4']));
  if (cli.value.code !== 0) throw new Error(cli.value.stderr);

  // The peer: the same badges as one HTML document printed to PDF by the machine's Chromium.
  const header = { event: 'Percepatan Fasilitasi 1000 Sertifikasi Halal', date: 'Selasa, 21 Mei 2024' };
  const chromiumRun = await timeOnce(async () => {
    const contents = [];
    for (const p of order) {
      const qrSvg = await QRCode.toString(signBadge(keys, p.id), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      contents.push({ name: p.name, business: p.business, regency: p.regency ?? '', number: participantNumber(p.id), role: 'Peserta', qrSvg });
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.setContent(renderBadgeDocument(contents, header, 'a4', 'id'), { waitUntil: 'load' });
      return await page.pdf({ preferCSSPageSize: true, printBackground: true });
    } finally {
      await browser.close();
    }
  });

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const lines = [
    `| ${COUNT} badges into one PDF | time | CPU |`,
    '|---|---|---|',
    ...Object.entries(node).map(([layout, run]) => `| pdfkit in Node, ${layout} | ${s(run.ms)}${layout === 'a4' ? ` (target < ${s(TARGET_MS)})` : ''} | ${s(run.cpuMs)} |`),
    `| \`loket badges --layout a4\`, the whole process | ${s(cli.ms)} | |`,
    `| peer: headless Chromium printing the same badges' HTML (A4) | ${s(chromiumRun.ms)} (${(chromiumRun.ms / node.a4!.ms).toFixed(1)}× pdfkit) | |`,
    `| floor: signing and encoding the ${COUNT} QR codes alone, on one thread (a batch encodes them on a worker while it draws) | ${s(floor.ms)} | |`,
  ];
  const report = lines.join('\n');
  console.log(`\n${report}\n`);
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/badges.json', JSON.stringify({ at: new Date().toISOString(), count: COUNT, nodeMs: node, cliMs: cli.ms, chromiumMs: chromiumRun.ms, qrFloorMs: floor.ms, targetMs: TARGET_MS }, null, 2));
  writeFileSync('tests/bench/results/badges.md', `${report}\n`);
});
