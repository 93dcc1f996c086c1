import type { SyncOverview } from '../../../shared/api';
import { formatTime } from '../../../shared/i18n';
import type { AppState } from './app.svelte';

/** A contact within this long reads "baru saja" (just now) rather than a time. */
const JUST_NOW_MS = 60_000;
/** Links open and close without the data changing: look again this often while the screen is open. */
const POLL_MS = 5_000;

/** The sync screen's data: every known desk, what this desk holds and lacks of each, alarms. */
export class SyncState {
  readonly #app: AppState;
  overview = $state<SyncOverview | null>(null);
  error = $state<string | null>(null);
  #seq = 0;

  constructor(app: AppState) {
    this.#app = app;
  }

  async load(): Promise<void> {
    const seq = ++this.#seq;
    try {
      const overview = await this.#app.client.syncStatus({});
      if (seq !== this.#seq) return;
      this.overview = overview;
      this.error = null;
    } catch (error) {
      if (seq === this.#seq) this.error = this.#app.err(error);
    }
  }

  /** Load now, after every change notice and every few seconds; returns the teardown. */
  watch(): () => void {
    void this.load();
    const off = this.#app.onChange(() => void this.load());
    const timer = setInterval(() => void this.load(), POLL_MS);
    return () => {
      off();
      clearInterval(timer);
    };
  }

  /** "baru saja", or the time of day in the event's zone ("09.30 WITA"); "belum pernah" when never linked. */
  contactText(lastContact: number | null): string {
    const app = this.#app;
    if (lastContact === null) return app.tr('sync.never');
    if (app.now - lastContact < JUST_NOW_MS) return app.tr('sync.justNow');
    return formatTime(app.lang, lastContact, app.timezone);
  }
}
