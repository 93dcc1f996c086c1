import { LoketError } from '../../../shared/errors';
import { t } from '../../../shared/i18n';
import type { Desk } from '../desk';
import { describePgError, PostgresLink } from './postgres-link';
import { UplinkPush, type PushResult } from './push';
import { saveUplinkState, uplinkState, type UplinkState } from './uplink-settings';
import type { UplinkTarget } from './uplink-url';

const BACKOFF_MIN_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** How often another process's writes to this desk's log are looked for. */
const POLL_MS = 250;
/** A cycle even when nothing was recorded: notices a server that went away, and redactions to repeat. */
const HEARTBEAT_MS = 30_000;

export interface DeskUplinkOptions {
  log?: (line: string) => void;
}

/** Any failure of a push as an operator's error: the server's own words, never a row or the URL. */
function asLoketError(error: unknown, target: UplinkTarget): LoketError {
  return error instanceof LoketError ? error : new LoketError('uplink_failed', { server: target.label, detail: describePgError(error) });
}

/** A failure as the operator reads it (the desk's language), with nothing secret or personal in it. */
export function uplinkErrorText(desk: Desk, error: LoketError): string {
  return t(desk.lang, `error.${error.code}`, error.params);
}

/** One push of a desk's log, then the connection closed: `loket uplink --once`. */
export async function pushOnce(desk: Desk, target: UplinkTarget): Promise<PushResult> {
  let link: PostgresLink | null = null;
  try {
    link = await PostgresLink.connect(target, () => undefined);
    await link.migrate();
    const result = await new UplinkPush(desk, link).run({ redactions: true });
    record(desk, target, { lastPushAt: desk.now(), held: result.held, error: null });
    return result;
  } catch (error) {
    const failure = asLoketError(error, target);
    record(desk, target, { error: { at: desk.now(), detail: uplinkErrorText(desk, failure) } });
    throw failure;
  } finally {
    await link?.close();
  }
}

function record(desk: Desk, target: UplinkTarget, change: Partial<UplinkState>): void {
  const before = uplinkState(desk);
  const base: UplinkState = before?.server === target.label ? before : { server: target.label, lastPushAt: null, held: {}, error: null };
  saveUplinkState(desk, { ...base, ...change });
}

/**
 * The live uplink: pushes everything the server lacks, then each new event as it is stored (by this
 * process or any other writing the same data folder), and reconnects with backoff whenever the
 * server goes away. Its state (last push, what the server held, last error) is kept in the desk's
 * database, so the settings screen of a serving desk shows it whichever process runs the uplink.
 */
export class DeskUplink {
  private closed = false;
  private link: PostgresLink | null = null;
  private lost: Error | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  connected = false;

  constructor(
    private readonly desk: Desk,
    readonly target: UplinkTarget,
    private readonly options: DeskUplinkOptions = {},
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    // Ends a push in flight too: its transaction rolls back on the server and is sent again next time.
    await this.link?.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoff = BACKOFF_MIN_MS;
    let lastError: string | null = null;
    while (!this.closed) {
      try {
        this.lost = null;
        this.link = await PostgresLink.connect(this.target, (error) => {
          this.lost = error;
          this.wake?.();
        });
        await this.link.migrate();
        this.connected = true;
        this.options.log?.(`uplink: connected to ${this.target.label}`);
        let first = true;
        while (!this.closed) {
          const head = this.desk.store.headPos();
          const result = await new UplinkPush(this.desk, this.link).run({ redactions: first });
          first = false;
          backoff = BACKOFF_MIN_MS;
          lastError = null;
          record(this.desk, this.target, { lastPushAt: this.desk.now(), held: result.held, error: null });
          if (result.pushed > 0) this.options.log?.(`uplink: pushed ${result.pushed} event(s) to ${this.target.label}`);
          if (result.conflicts.length + result.damaged.length > 0) {
            this.options.log?.(`uplink: INTEGRITY ALARM: ${result.conflicts.length + result.damaged.length} event(s) differ (see loket status)`);
          }
          await this.nextWork(head);
          if (this.lost) throw this.lost;
        }
      } catch (error) {
        if (this.closed) break;
        const detail = uplinkErrorText(this.desk, asLoketError(error, this.target));
        record(this.desk, this.target, { error: { at: this.desk.now(), detail } });
        // Said once: a server that is down is retried every few seconds.
        if (detail !== lastError) this.options.log?.(`uplink: ${detail}; retrying`);
        lastError = detail;
      } finally {
        this.connected = false;
        await this.link?.close();
        this.link = null;
      }
      if (this.closed) break;
      await this.sleep(backoff * (0.8 + Math.random() * 0.4));
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
    }
  }

  /** Until the log grows past `head`, the heartbeat is due, the connection is lost or the uplink closes. */
  private nextWork(head: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearInterval(poll);
        clearTimeout(heartbeat);
        off();
        this.wake = null;
        resolve();
      };
      const poll = setInterval(() => {
        if (this.desk.db.open && this.desk.store.headPos() !== head) done();
      }, POLL_MS);
      const heartbeat = setTimeout(done, HEARTBEAT_MS);
      const off = this.desk.onLogGrew(done);
      this.wake = done;
      if (this.closed || this.lost || this.desk.store.headPos() !== head) done();
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
