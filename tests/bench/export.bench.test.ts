import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { generateParticipants } from '../../electron/core/demo/participants';
import { Desk } from '../../electron/core/desk';
import { exportDay } from '../../electron/core/export/export-day';
import { recordImport } from '../../electron/core/services/import-service';
import type { NewEvent } from '../../shared/events';
import { openEventDesk } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';
import { round, timeOnce } from './measure';

const tempDir = useTempDirs();
const SIZES = (process.env.LOKET_EXPORT_SIZES ?? '1000,100000').split(',').map(Number);
const TARGET_MS: Record<number, number> = { 1_000: 3_000, 100_000: 60_000 };

/** A full day: everyone listed with a certificate, 80 % present, 60 % handed over (one in five to a representative). */
function day(size: number): Desk {
  const desk = openEventDesk(tempDir());
  const people = generateParticipants(size, 11);
  recordImport(desk, 'bench.xlsx', { rows: size, candidates: people.map((fields, i) => ({ fields, source: { sheet: 'S', row: i + 2 } })), errors: [], warnings: [], sheets: [] }, 'bench');
  const all = [...desk.view.all()];
  const events: NewEvent[] = [];
  all.forEach((p, i) => {
    const certificate = `cert-bench-${String(i).padStart(8, '0')}`;
    events.push({ type: 'certificate.added', body: { id: certificate, participant: p.id, number: `ID6371${String(i).padStart(13, '0')}`, products: [p.productName], issueDate: '2024-05-02', status: 'tersedia', source: null, prev: null } });
    if (i % 5 !== 4) events.push({ type: 'checkin.recorded', body: { participant: p.id, via: 'qr' } });
    if (i % 5 < 3) {
      const recipient = i % 15 === 0 ? { kind: 'representative' as const, name: 'Wakil', relationship: 'Anak' } : { kind: 'owner' as const, name: p.name, relationship: null };
      events.push({ type: 'certificate.handed_over', body: { certificate, participant: p.id, recipient: { ...recipient, idNumberMasked: null, letterShown: false }, signature: 'M10 10L200 300L400 120', photo: null, overrideReason: null } });
    }
  });
  for (let i = 0; i < events.length; i += 5_000) desk.record(events.slice(i, i + 5_000), 'Rina');
  return desk;
}

function bareCsv(desk: Desk): string {
  return [...desk.view.all()].map((p) => [p.nib, p.name, p.business, p.phone, p.regency, p.checkins.length].join(';')).join('\n');
}

it('measures the end-of-day export', async () => {
  const results: Record<string, unknown> = {};
  const lines = ['| participants | events | data files (XLSX + CSV + manifest) | floor: the participants as one bare CSV | target | with PDFs |', '|---|---|---|---|---|---|'];
  for (const size of SIZES) {
    const seeding = await timeOnce(() => day(size));
    const desk = seeding.value;
    console.log(`${size}: seeded ${desk.store.count()} events in ${round(seeding.ms / 1000, 1)} s`);
    const data = await timeOnce(() => exportDay(desk, { folder: join(tempDir(), 'data'), pdf: false }));
    // The least an export could do: every participant's row, unformatted, in one file.
    const floor = await timeOnce(() => writeFileSync(join(tempDir(), 'floor.csv'), bareCsv(desk)));
    // PDFs for 100k participants are thousands of pages; they are measured on the smaller day only.
    const withPdf = size <= 1_000 ? await timeOnce(() => exportDay(desk, { folder: join(tempDir(), 'pdf') })) : null;
    console.log(`${size}: data files ${round(data.ms / 1000, 2)} s${withPdf ? `, with PDFs ${round(withPdf.ms / 1000, 2)} s` : ''}`);
    results[`n${size}`] = { events: desk.store.count(), dataMs: round(data.ms), floorMs: round(floor.ms), targetMs: TARGET_MS[size], withPdfMs: withPdf ? round(withPdf.ms) : null };
    lines.push(`| ${size} | ${desk.store.count()} | ${round(data.ms / 1000, 2)} s | ${Math.round(floor.ms)} ms | < ${TARGET_MS[size]! / 1000} s | ${withPdf ? `${round(withPdf.ms / 1000, 2)} s` : '-'} |`);
    desk.close();
  }
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/export.json', JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
  writeFileSync('tests/bench/results/export.md', `${lines.join('\n')}\n`);
  console.log(lines.join('\n'));
});
