import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The checkpoint worker's entry (built as its own file beside the core; see checkpoint-off-thread.ts):
 * a connection of its own to the desk's file, copying the WAL into the database each time it is
 * asked, answering "copied" after each copy and closing at "stop".
 */
const db = new Database((workerData as { file: string }).file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
parentPort!.on('message', (message: 'copy' | 'stop') => {
  if (message === 'stop') {
    db.close();
    parentPort!.close();
    return;
  }
  db.pragma('wal_checkpoint(PASSIVE)');
  parentPort!.postMessage('copied');
});
