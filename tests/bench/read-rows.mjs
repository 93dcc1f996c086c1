// The floor of a desk's start-up, in a process of its own as open-desk.mjs is: the same SQLite file
// opened with better-sqlite3 and every participant's stored state read and parsed, nothing else.
// Prints {ms, peakRssMb}; ms from before the open, peak RSS as VmHWM.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const start = performance.now();
const db = new Database(join(process.argv[2], 'loket.db'), { readonly: true });
const states = db.prepare('SELECT state FROM participants').pluck().all().map((s) => JSON.parse(s));
const ms = performance.now() - start;
if (states.length === 0) throw new Error('no participants');
const peakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
process.stdout.write(JSON.stringify({ ms, peakRssMb }));
db.close();
