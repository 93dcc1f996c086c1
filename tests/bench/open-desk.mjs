// A desk opened in a process of its own, as `loket serve` and the Electron shell open one: what
// start-up costs and how much memory the desk holds, without what the benchmark's process holds.
// Prints {openMs, firstSearchMs, indexReadyMs, peakRssMb}, each from the start of Desk.open: the
// first search is answered by reading every name while a worker builds the search index, which is
// in place at indexReadyMs. Peak RSS is VmHWM (resourceUsage's maxRSS carries the forking parent's).
import { readFileSync } from 'node:fs';

const { Desk, search } = await import(new URL('../../out/core/index.js', import.meta.url).href);
const start = performance.now();
const desk = Desk.open(process.argv[2]);
const openMs = performance.now() - start;
search(desk, 'siti');
const firstSearchMs = performance.now() - start;
while (!desk.view.index.ready) await new Promise((resolve) => setTimeout(resolve, 1));
const indexReadyMs = performance.now() - start;
const peakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
process.stdout.write(JSON.stringify({ openMs, firstSearchMs, indexReadyMs, peakRssMb }));
desk.close();
