// The PouchDB side of the sync benchmark, as its own process (two of them: a server and a replica).
//   node pouch-process.mjs serve DOCS.json   → loads the docs into an in-memory PouchDB behind
//                                              express-pouchdb, prints {"port":N,"docs":N}
//   node pouch-process.mjs pull URL BATCH    → replicates URL into a fresh in-memory PouchDB,
//                                              prints {"ms":N,"docs":N}
// In-memory adapters on both sides: PouchDB does no disk I/O here, while Loket's desks fsync every
// batch (synchronous=FULL), so the comparison leans in PouchDB's favour.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import expressPouchDb from 'express-pouchdb';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';

PouchDB.plugin(memory);
const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });
const [role, arg, batch] = process.argv.slice(2);

if (role === 'serve') {
  const docs = JSON.parse(readFileSync(arg, 'utf8'));
  const db = new MemoryPouch('events');
  for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000));
  const app = expressPouchDb(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: '/dev/null' });
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port, docs: docs.length })}\n`);
  });
} else if (role === 'pull') {
  const local = new MemoryPouch('replica');
  const start = performance.now();
  await PouchDB.replicate(new PouchDB(arg), local, { batch_size: Number(batch) || 100 });
  const ms = performance.now() - start;
  const info = await local.info();
  process.stdout.write(`${JSON.stringify({ ms, docs: info.doc_count })}\n`);
  process.exit(0);
} else {
  process.stderr.write('usage: pouch-process.mjs serve DOCS.json | pull URL [BATCH]\n');
  process.exit(2);
}
