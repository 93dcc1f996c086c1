import { mkdirSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { searchDoc } from '../../electron/core/participant-view';
import { SearchIndex } from '../../shared/search';
import { generateParticipants } from '../../electron/core/demo/participants';
import { checkIn } from '../../electron/core/services/checkin-service';
import { recordImport } from '../../electron/core/services/import-service';
import { search } from '../../electron/core/services/status-service';
import { badgeKeys, signBadge } from '../../electron/core/badges/signing';
import { openEventDesk } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';
import { bareDurableInsert, floorWalPages, round, timeEach, timeEachBesideFloor, walPagesPerCommit } from './measure';
import { openInFreshProcess, readRowsInFreshProcess, serveUntilFirstSearch } from './processes';
import { ftsSearchPeer } from './search-peer';
import { cliPath } from '../helpers/built-core';

const tempDir = useTempDirs();
const SIZES = [1_000, 10_000, 100_000];
const results: Record<string, unknown> = {};

function seeded(size: number): Desk {
  const desk = openEventDesk(tempDir());
  const people = generateParticipants(size, 7);
  recordImport(
    desk,
    'bench.xlsx',
    { rows: size, candidates: people.map((fields, i) => ({ fields, source: { sheet: 'S', row: i + 2 } })), errors: [], warnings: [], sheets: [] },
    'bench',
  );
  return desk;
}

const QUERIES = ['siti', 'nurain', "ma'rifah", 'dodol', 'amplang banjar', 'sarigading keripik', 'jumberi syahrani', 'hj rusdi', 'kerupuk haruan', 'rahmah sidiq'];

it('measures the desk', async () => {
  const floor = bareDurableInsert(tempDir(), 400);
  results.floor = floor;
  const rows: string[] = [];
  const serving: string[] = [];
  const peers: string[] = [];
  for (const size of SIZES) {
    const desk = seeded(size);
    const people = [...desk.view.all()];
    const nibs = people.slice(0, 50).map((p) => p.nib!.slice(3, 9));
    const queries = Array.from({ length: 400 }, (_, i) => (i % 5 === 4 ? nibs[i % nibs.length]! : QUERIES[i % QUERIES.length]!));
    search(desk, 'warm up');
    const searchP = timeEach(queries, (q) => search(desk, q));
    const peerP = ftsSearchPeer(people.map(searchDoc), queries);
    // What the first searches after start-up cost: every name read, while a worker builds the index.
    const reading = new SearchIndex(people.map(searchDoc), { build: false });
    reading.search('warm up');
    const readingP = timeEach(queries.slice(0, 100), (q) => reading.search(q));
    const step = Math.max(1, Math.floor(size / 920));
    const spread = people.filter((_, i) => i % step === 0);
    // 600 timed check-ins (a p95 of 300 moved with every busy moment of the disk), after 20 untimed.
    const targets = spread.slice(0, 620);
    const { op: checkinP, floor: besideP } = timeEachBesideFloor(tempDir(), targets, (p) => checkIn(desk, { participantId: p.id, via: 'search' }, 'bench'), 20);
    const keys = badgeKeys(desk.secret, desk.requireEvent().eventId);
    const scanned = spread.slice(620, 920).map((p) => signBadge(keys, p.id));
    const scanP = timeEach(scanned, (code) => checkIn(desk, { code }, 'bench'));
    // What a check-in's commit makes the disk write, beside the floor's: the ratio's cause, untouched by a busy disk.
    const absent = people.filter((p) => desk.view.get(p.id)!.checkins.length === 0).slice(0, 50);
    const walPages = walPagesPerCommit(desk.db, absent.length, (i) => checkIn(desk, { participantId: absent[i]!.id, via: 'search' }, 'bench'));
    const floorPages = floorWalPages(tempDir(), 50);
    desk.close();
    // Start-up in a process of its own, as a desk starts: this one holds the data it just seeded.
    const fresh = openInFreshProcess(desk.dataDir);
    const bare = readRowsInFreshProcess(desk.dataDir);
    const served = await serveUntilFirstSearch(cliPath, desk.dataDir);
    serving.push(`| ${size.toLocaleString('en')} | ${Math.round(served.listeningMs)} | ${Math.round(served.firstSearchMs)} | ${Math.round(served.peakRssMb)} |`);
    peers.push(`| ${size.toLocaleString('en')} | ${round(searchP.p95)} | ${round(peerP.p50)} / ${round(peerP.p95)} | ${Math.round(fresh.firstSearchMs)} / ${Math.round(fresh.peakRssMb)} | ${Math.round(bare.ms)} / ${Math.round(bare.peakRssMb)} |`);
    results[`n${size}`] = { search: searchP, searchPeerFts5: peerP, startupFloor: bare, searchBeforeIndex: readingP, walPagesPerCheckin: walPages, walPagesPerFloorInsert: floorPages, checkin: checkinP, floorBesideCheckin: besideP, scanToCheckin: scanP, startup: fresh, serve: served };
    rows.push(
      `| ${size.toLocaleString('en')} | ${round(searchP.p50)} / ${round(searchP.p95)} | ${round(checkinP.p50)} / ${round(checkinP.p95)} | ${round(besideP.p95)} | ${round(checkinP.p95 / besideP.p95, 2)}× (${round(walPages, 1)} / ${round(floorPages, 1)}) | ${round(scanP.p50)} / ${round(scanP.p95)} | ${Math.round(fresh.openMs)} / ${Math.round(fresh.firstSearchMs)} / ${Math.round(fresh.indexReadyMs)} | ${round(readingP.p50)} / ${round(readingP.p95)} | ${Math.round(fresh.peakRssMb)} |`,
    );
  }


  const report = [
    `Floor (bare durable SQLite insert): p50 ${round(floor.p50)} ms, p95 ${round(floor.p95)} ms`,
    '',
    '| participants | search p50 / p95 (ms) | check-in p50 / p95 (ms) | floor p95 beside the check-ins (ms) | check-in p95 ÷ floor p95 (WAL pages a commit: check-in / floor) | scanned badge → check-in p50 / p95 (ms) | start-up: open / first search answered / index ready (ms from the start of the open) | search before the index is ready p50 / p95 (ms) | peak RSS (MB) |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '| participants | search p95 (ms) | peer: SQLite FTS5 trigram, same docs and queries, p50 / p95 (ms) | start-up to first search (ms) / peak RSS (MB) | floor: the same rows read and parsed in a fresh process (ms) / peak RSS (MB) |',
    '|---|---|---|---|---|',
    ...peers,
    '',
    '| participants | `loket serve`: spawn → listening (ms) | spawn → first search answered (ms) | peak RSS (MB) |',
    '|---|---|---|---|',
    ...serving,
  ].join('\n');
  console.log(`\n${report}\n`);
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/latest.json', JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
  writeFileSync('tests/bench/results/latest.md', `${report}\n`);
});
