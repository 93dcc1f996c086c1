import type { ParticipantDetail } from '../../../shared/api';
import { isNib } from '../../../shared/domain/nib';
import type { AppState } from './app.svelte';
import { compactNib } from './checkin.svelte';
import { toUiError } from './errors';
import { play } from './sound';

/** How long the welcome (or the error) stays before the kiosk is ready for the next participant. */
export const KIOSK_RETURN_MS = 6000;
/** How long "did your badge print?" waits for the participant (browser printing only); no answer records nothing. */
export const KIOSK_PRINT_CHECK_MS = 20_000;

export type KioskPrint = 'printing' | 'printed' | 'earlier' | 'failed' | 'none';

export type KioskPhase =
  | { name: 'idle' }
  | { name: 'working' }
  | { name: 'welcome'; participant: ParticipantDetail; already: boolean; print: KioskPrint }
  | { name: 'error'; notFound: boolean; detail: string };

/**
 * Self check-in (kiosk mandiri): a participant scans their own badge or invitation, is welcomed by
 * name and gets a badge, unless one was printed before (no reprints without an operator).
 */
export class KioskState {
  readonly #app: AppState;
  readonly #returnMs: number;
  phase = $state<KioskPhase>({ name: 'idle' });
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;

  constructor(app: AppState, returnMs = KIOSK_RETURN_MS) {
    this.#app = app;
    this.#returnMs = returnMs;
  }

  async scan(code: string): Promise<void> {
    const seq = ++this.#seq;
    clearTimeout(this.#timer);
    const raw = code.trim();
    const nib = compactNib(raw);
    this.phase = { name: 'working' };
    try {
      const outcome = await this.#app.client.checkIn({ code: isNib(nib) ? nib : raw });
      if (seq !== this.#seq) return;
      const participant = outcome.participant;
      const printedBefore = (participant.badges?.length ?? 0) > 0;
      const shouldPrint = !printedBefore && this.#app.settings?.printMode !== 'never';
      const print: KioskPrint = printedBefore ? 'earlier' : shouldPrint ? 'printing' : 'none';
      this.phase = { name: 'welcome', participant, already: outcome.status === 'already_present', print };
      play(outcome.status === 'checked_in' ? 'success' : 'notice');
      this.#app.afterLocalChange();
      if (shouldPrint) {
        let result: KioskPrint = 'failed';
        try {
          if ((await this.#app.printBadge(participant.id, undefined, undefined, KIOSK_PRINT_CHECK_MS)).printed) result = 'printed';
        } catch {
          // The welcome says so: the participant asks at the operator desk.
        }
        if (seq !== this.#seq) return;
        this.phase = { name: 'welcome', participant, already: outcome.status === 'already_present', print: result };
      }
    } catch (error) {
      if (seq !== this.#seq) return;
      this.phase = { name: 'error', notFound: toUiError(error).code === 'participant_not_found', detail: this.#app.err(error) };
      play('error');
    }
    this.#timer = setTimeout(() => {
      if (seq === this.#seq) this.phase = { name: 'idle' };
    }, this.#returnMs);
  }

  /** Back to the idle screen now (and forget pending work). */
  reset(): void {
    this.#seq++;
    clearTimeout(this.#timer);
    this.phase = { name: 'idle' };
  }

  stop(): void {
    this.#seq++;
    clearTimeout(this.#timer);
  }
}
