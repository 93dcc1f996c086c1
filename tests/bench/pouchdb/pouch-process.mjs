// The PouchDB side of the sync benchmark, as its own process (two of them: a server and a replica).
//   node pouch-process.mjs serve DOCS.json ADAPTER DIR → loads the docs into a PouchDB behind
//                                                       express-pouchdb, prints {"port":N,"docs":N}
//   node pouch-process.mjs pull URL BATCH ADAPTER DIR  → replicates URL into a fresh PouchDB,
//                                                       prints {"ms":N,"docs":N}
// ADAPTER is `leveldb` (PouchDB's default in Node: on disk, like Loket's SQLite) or `memory`
// (no disk I/O at all, which leans in PouchDB's favour); DIR holds the LevelDB folders.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import expressPouchDb from 'express-pouchdb';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';

PouchDB.plugin(memory);
const [role, arg, ...rest] = process.argv.slice(2);
const [batch, adapter, dir] = role === 'pull' ? rest : [null, ...rest];
const Pouch = PouchDB.defaults(adapter === 'memory' ? { adapter } : { adapter, prefix: `${dir}/` });

if (role === 'serve') {
  const docs = JSON.parse(readFileSync(arg, 'utf8'));
  const db = new Pouch('events');
  for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000));
  const app = expressPouchDb(Pouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: '/dev/null' });
  const server = app.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ port: server.address().port, docs: docs.length })}\n`);
  });
} else if (role === 'pull') {
  const local = new Pouch('replica');
  const start = performance.now();
  await PouchDB.replicate(new PouchDB(arg), local, { batch_size: Number(batch) || 100 });
  const ms = performance.now() - start;
  const info = await local.info();
  process.stdout.write(`${JSON.stringify({ ms, docs: info.doc_count })}\n`);
  process.exit(0);
} else {
  process.stderr.write('usage: pouch-process.mjs serve DOCS.json ADAPTER DIR | pull URL BATCH ADAPTER DIR\n');
  process.exit(2);
}
