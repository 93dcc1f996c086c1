import Database from 'better-sqlite3';
import { join } from 'node:path';

/**
 * Change one character of an event's body in a desk's SQLite file, as a bad sector or a stray
 * write would (the first one `where` matches, by default the first lowercase letter but z). Works
 * beside a desk that has the file open: the log's own trigger is dropped on this connection's behalf.
 */
export function changeOneLetter(dir: string, desk: string, seq: number, where = /[a-y]/): void {
  const db = new Database(join(dir, 'loket.db'));
  try {
    db.exec('DROP TRIGGER IF EXISTS events_immutable');
    const { body } = db.prepare('SELECT body FROM events WHERE desk = ? AND seq = ?').get(desk, seq) as { body: string };
    const at = body.search(where);
    if (at < 0) throw new Error(`nothing to change in event ${seq}`);
    const altered = body.slice(0, at) + String.fromCharCode(body.charCodeAt(at) + 1) + body.slice(at + 1);
    db.prepare('UPDATE events SET body = ? WHERE desk = ? AND seq = ?').run(altered, desk, seq);
  } finally {
    db.close();
  }
}
