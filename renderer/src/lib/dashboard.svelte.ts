import type { Dashboard, QueueEta } from '../../../shared/api';
import { formatDate, formatNumber, formatTime } from '../../../shared/i18n';
import type { AppState } from './app.svelte';
import { toUiError } from './errors';

/** The last-hour window and the ETA move with the clock even when no event arrives: look again this often. */
const CLOCK_REFRESH_MS = 30_000;

/**
 * The dashboard's figures, reloaded on every change notice from any desk. A notice that arrives
 * while a load is under way asks for one more load after it, so a burst of events costs two
 * requests, not one per event, and the last event is always shown.
 */
export class DashboardState {
  readonly #app: AppState;
  readonly #bigScreen: () => boolean;
  data = $state<Dashboard | null>(null);
  error = $state<string | null>(null);
  /** The full dashboard needs the organizer PIN; the big screen does not. */
  locked = $state(false);
  #loading = false;
  #again = false;

  constructor(app: AppState, bigScreen: () => boolean) {
    this.#app = app;
    this.#bigScreen = bigScreen;
  }

  async load(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return;
    }
    this.#loading = true;
    try {
      do {
        this.#again = false;
        await this.#fetch();
      } while (this.#again);
    } finally {
      this.#loading = false;
    }
  }

  async #fetch(): Promise<void> {
    try {
      this.data = await this.#app.client.dashboard({ bigScreen: this.#bigScreen() });
      this.error = null;
      this.locked = false;
    } catch (error) {
      this.locked = toUiError(error).code === 'organizer_locked';
      this.error = this.locked ? null : this.#app.err(error);
    }
  }

  /** Load now, after every change notice and as the clock moves; returns the teardown. */
  watch(): () => void {
    void this.load();
    const off = this.#app.onChange(() => void this.load());
    const timer = setInterval(() => void this.load(), CLOCK_REFRESH_MS);
    return () => {
      off();
      clearInterval(timer);
    };
  }

  n = (value: number): string => formatNumber(this.#app.lang, value);

  time = (at: number): string => formatTime(this.#app.lang, at, this.data?.timezone ?? this.#app.timezone);

  /** Whole percent of a target, capped at the bar's end; a target of 0 shows no bar at all. */
  percent(present: number, target: number): number | null {
    return target > 0 ? Math.min(100, Math.round((present / target) * 100)) : null;
  }

  /**
   * The ETA in one line, saying plainly when there is no pace to estimate from. An estimate that
   * falls on another day than the figures' own names that day: a bare "09.15" would read as today.
   */
  etaText(eta: QueueEta): string {
    const tr = this.#app.tr;
    if (eta.state === 'done') return tr('dashboard.etaDone');
    if (eta.state === 'no_pace' || eta.at === null) return tr('dashboard.etaNoPace');
    const zone = this.data?.timezone ?? this.#app.timezone;
    const day = (at: number) => formatDate(this.#app.lang, at, zone);
    const today = this.data?.at ?? this.#app.now;
    if (day(eta.at) !== day(today)) return tr('dashboard.etaAtDay', { date: day(eta.at), time: this.time(eta.at) });
    return tr('dashboard.etaAt', { time: this.time(eta.at) });
  }

  paceText(eta: QueueEta): string {
    return this.#app.tr('dashboard.etaPace', { perHour: eta.perHour, remaining: eta.remaining });
  }
}
