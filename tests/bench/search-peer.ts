import Database from 'better-sqlite3';
import type { SearchDoc } from '../../shared/search';
import { timeEach, type Percentiles } from './measure';

/**
 * The desk's search beside a peer in the same run: SQLite's FTS5 with its trigram tokenizer over the
 * same names, businesses, NIBs and phones, each word of a query a LIKE the index answers, 20 rows
 * (no ranking, no typo tolerance: less than the desk's search does, so a floor as much as a peer).
 */
export function ftsSearchPeer(docs: readonly SearchDoc[], queries: readonly string[]): Percentiles {
  const db = new Database(':memory:');
  db.exec("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, text, tokenize = 'trigram')");
  const insert = db.prepare('INSERT INTO docs (id, text) VALUES (?, ?)');
  db.transaction(() => {
    for (const d of docs) insert.run(d.id, [...d.texts, d.nib ?? '', d.phone ?? ''].join(' ').toLowerCase());
  })();
  const statements = new Map<number, Database.Statement>();
  const query = (q: string) => {
    const words = q.toLowerCase().split(/\s+/).filter((w) => w.length >= 3);
    if (words.length === 0) return [];
    let stmt = statements.get(words.length);
    if (!stmt) {
      stmt = db.prepare(`SELECT id FROM docs WHERE ${words.map(() => 'text LIKE ?').join(' AND ')} LIMIT 20`);
      statements.set(words.length, stmt);
    }
    return stmt.all(...words.map((w) => `%${w}%`));
  };
  query('warm up');
  const p = timeEach(queries, query);
  db.close();
  return p;
}
