import type { ConflictView } from '../../../shared/api';
import type { AppState } from './app.svelte';

/**
 * Open conflicts as this desk sees them (the same on every desk once they have synced): kept fresh
 * while the nav bar is on screen, so its count and the conflicts screen agree.
 */
export class ConflictsState {
  readonly #app: AppState;
  list = $state<ConflictView[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  count: number = $derived(this.list.length);
  #seq = 0;

  constructor(app: AppState) {
    this.#app = app;
  }

  async load(): Promise<void> {
    const seq = ++this.#seq;
    try {
      const list = await this.#app.client.conflicts({});
      if (seq !== this.#seq) return;
      this.list = list;
      this.error = null;
    } catch (error) {
      if (seq === this.#seq) this.error = this.#app.err(error);
    } finally {
      if (seq === this.#seq) this.loaded = true;
    }
  }

  /** Load now and after every change notice; returns the teardown. */
  watch(): () => void {
    void this.load();
    return this.#app.onChange(() => void this.load());
  }
}

const states = new WeakMap<AppState, ConflictsState>();

export function conflictsOf(app: AppState): ConflictsState {
  let state = states.get(app);
  if (!state) {
    state = new ConflictsState(app);
    states.set(app, state);
  }
  return state;
}
