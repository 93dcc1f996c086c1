import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** Built as its own file beside this module's bundle; run from source (unit tests) there is none. */
const WORKER_FILE = new URL('./checkpoint-worker.js', import.meta.url);

/**
 * Copies a desk's WAL into its database on a thread of its own while a long run of transactions
 * (an import's commit) writes on the desk's thread. SQLite lets another connection copy the WAL
 * while one writes (a PASSIVE checkpoint waits for nobody); copied on the desk's thread, between
 * transactions, it took 0.5 s of a 100,000-row commit's 4.2 s. While both work nothing restarts
 * the WAL, which grows; the caller now and then waits for the copy under way (`idle`) and copies
 * the little left itself, so that its next write starts the WAL again from its beginning.
 */
export class Checkpointer {
  /** The copy under way, settled when it is done: a request meanwhile would only queue behind it. */
  private copying: { done: Promise<void>; settle: () => void } | null = null;
  private failed = false;
  private stopping: Promise<void> | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', () => this.settle());
    worker.on('error', () => this.fail());
    worker.on('exit', () => this.fail());
  }

  private settle(): void {
    this.copying?.settle();
    this.copying = null;
  }

  private fail(): void {
    this.failed = true;
    this.settle();
  }

  /** One for the database file, or null where there is no built worker (the caller copies on its own thread). */
  static start(file: string, workerFile: URL = WORKER_FILE): Checkpointer | null {
    if (!existsSync(fileURLToPath(workerFile))) return null;
    return new Checkpointer(new Worker(workerFile, { workerData: { file } }));
  }

  /**
   * Ask for a copy of what the WAL holds now, unless one is under way. False once the worker has
   * failed (it could not open the file, say): the caller copies on its own thread from then on.
   */
  copy(): boolean {
    if (this.failed) return false;
    if (this.copying) return true;
    let settle = () => {};
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.copying = { done, settle };
    this.worker.postMessage('copy');
    return true;
  }

  /** Once no copy is under way (at once when none is). */
  async idle(): Promise<void> {
    await this.copying?.done;
  }

  /** Close the worker's connection and end the worker, once any copy under way is done; again, the same. */
  stop(): Promise<void> {
    this.stopping ??= this.failed
      ? Promise.resolve()
      : new Promise((resolve) => {
          this.worker.once('exit', () => resolve());
          this.worker.postMessage('stop');
        });
    return this.stopping;
  }
}
