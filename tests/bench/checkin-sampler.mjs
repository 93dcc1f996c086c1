// A second client of a running desk, in a process of its own so that nothing the benchmark does
// (building a 50 MB request, say) delays it: it checks people in through the HTTP API, one check-in
// `periodMs` after the previous one was answered, as an operator at the same desk would.
// Reads one line of JSON {origin, periodMs, nibs} from stdin, prints "ready", samples until stdin
// says "stop", then prints [{at, ms, ok}]: when each was sent (epoch ms) and how long its answer took.
import { createInterface } from 'node:readline';

const lines = createInterface({ input: process.stdin });
const iterator = lines[Symbol.asyncIterator]();
const { origin, periodMs, nibs } = JSON.parse((await iterator.next()).value);
const headers = { 'Content-Type': 'application/json', 'X-Loket-Client': '1', 'X-Loket-Session': 'checkin-sampler-session-01', Origin: origin };
const now = () => performance.timeOrigin + performance.now();
const samples = [];
let stopping = false;

async function checkIn(nib) {
  const at = now();
  try {
    const res = await fetch(`${origin}/api/checkIn`, { method: 'POST', headers, body: JSON.stringify({ nib }) });
    const body = await res.json();
    samples.push({ at, ms: now() - at, ok: body.ok === true && body.value.status === 'checked_in' });
  } catch {
    // A connection the desk closed as idle while it could not answer (its keep-alive timer fires
    // late): the operator sees an error, so it counts, as failed.
    samples.push({ at, ms: now() - at, ok: false });
  }
}

const loop = (async () => {
  for (let i = 0; !stopping && i < nibs.length; i++) {
    await checkIn(nibs[i]);
    await new Promise((resolve) => setTimeout(resolve, periodMs));
  }
})();
process.stdout.write('ready\n');
for await (const line of iterator) if (line.trim() === 'stop') break;
stopping = true;
await loop;
process.stdout.write(`${JSON.stringify(samples)}\n`);
lines.close();
