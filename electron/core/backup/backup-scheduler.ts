import type { Desk } from '../desk';
import { backupNow } from './backup-file';
import { backupSettings, backupState } from './backup-settings';

/** How often the scheduler looks whether a backup is due; the interval itself is a setting. */
const TICK_MS = 30_000;

/**
 * Automatic backups in a serving desk (Electron, `loket serve`, `npm start`): every few minutes,
 * and only when the log grew since the last one, so an idle desk does not fill the stick.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly desk: Desk) {}

  start(tickMs = TICK_MS): void {
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  /** One look: back up if a folder is chosen, the interval has passed and something changed. */
  async tick(): Promise<void> {
    if (this.running) return;
    const { folder, intervalMin } = backupSettings(this.desk);
    if (!folder) return;
    const { lastAt, error } = backupState(this.desk);
    const changed = Number(this.desk.meta('backup_pos') ?? -1) !== this.desk.store.headPos();
    // After a failure, retry on the next interval even without new events: the stick may be back.
    if (!changed && !error) return;
    const lastTry = Math.max(lastAt ?? -Infinity, error?.at ?? -Infinity);
    if (this.desk.now() - lastTry < intervalMin * 60_000) return;
    this.running = backupNow(this.desk, 'auto');
    await this.running;
    this.running = null;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
