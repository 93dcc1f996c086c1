// A desk opened in a process of its own, as `loket serve` and the Electron shell open one: what
// start-up costs and how much memory the desk holds, without what the benchmark's process holds.
// Prints {openMs, firstSearchMs, peakRssMb}: the first search builds the search index.
const { Desk, search } = await import(new URL('../../out/core/index.js', import.meta.url).href);
const start = performance.now();
const desk = Desk.open(process.argv[2]);
const openMs = performance.now() - start;
search(desk, 'siti');
const firstSearchMs = performance.now() - start;
process.stdout.write(JSON.stringify({ openMs, firstSearchMs, peakRssMb: process.resourceUsage().maxRSS / 1024 }));
desk.close();
