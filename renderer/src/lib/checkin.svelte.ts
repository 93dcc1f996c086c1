import type { CheckinOutcome, ParticipantDetail, ParticipantSummary } from '../../../shared/api';
import { isNib } from '../../../shared/domain/nib';
import type { AppState } from './app.svelte';
import { toUiError } from './errors';
import { play } from './sound';

export const SEARCH_DEBOUNCE_MS = 80;
export const SEARCH_LIMIT = 30;

export type Outcome =
  | { kind: 'success'; participant: ParticipantDetail; at: number }
  | { kind: 'already'; participant: ParticipantSummary }
  | { kind: 'voided'; participant: ParticipantDetail }
  | { kind: 'error'; message: string };

/** The print step after a check-in ("ask" mode, a reprint that needs a reason, or a failed print). */
export interface PrintOffer {
  participant: ParticipantDetail;
  /** A badge was printed before: the warning shows and a reason is required. */
  reprint: boolean;
  error: string | null;
}

export interface Confirm {
  participant: ParticipantSummary;
  via: 'search' | 'nib';
}

/** Scanner and keyboard input of an NIB: drop spaces, dots and dashes people type in groups. */
export function compactNib(raw: string): string {
  return raw.replace(/[\s.\-]/g, '');
}

/**
 * The check-in screen's state machine: search as you type, highlight, confirm, record.
 * Kept outside the component so a check-in made on the participant or walk-in screen shows here
 * when the desk comes back, and the search typed survives a visit to another screen.
 */
export class CheckinState {
  readonly #app: AppState;

  query = $state('');
  results = $state<ParticipantSummary[]>([]);
  /** The query the shown results belong to. */
  shownQuery = $state('');
  highlighted = $state(0);
  searching = $state(false);
  /** Enter found nothing: offer a walk-in with what was typed. */
  notFound = $state<{ query: string; nib: string | null } | null>(null);
  confirm = $state<Confirm | null>(null);
  /** A lookup by NIB or a check-in is running: keys go to the scan buffer, not the box. */
  busy = $state(false);
  /** The NIB being looked up right now (to recognise a scanner's double delivery). */
  pendingNib = $state<string | null>(null);
  outcome = $state<Outcome | null>(null);
  /** A small transient remark (e.g. a duplicate scan that was ignored). */
  note = $state<string | null>(null);
  /** The print step shown after a check-in, if any. */
  printOffer = $state<PrintOffer | null>(null);
  /** A badge is being printed. */
  printing = $state(false);
  /** The success banner's undo is open: the reason is being typed (F8). */
  undoing = $state(false);
  undoError = $state<string | null>(null);

  highlightedParticipant: ParticipantSummary | null = $derived(this.results[this.highlighted] ?? null);

  #timer: ReturnType<typeof setTimeout> | undefined;
  #scheduled: string | null = null;
  #searchSeq = 0;
  #noteTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(app: AppState) {
    this.#app = app;
    app.onScreenChange((to) => {
      if (to.name !== 'checkin') this.#endBanners();
    });
    app.onSignOut(() => {
      this.clear();
      this.#endBanners();
    });
  }

  /**
   * Going to another screen is the operator's next action: the last check-in's banner goes (with
   * its F8 undo and print offer), so coming back never offers to undo or print an old check-in.
   */
  #endBanners(): void {
    this.outcome = null;
    this.undoing = false;
    this.undoError = null;
    this.printOffer = null;
    this.notFound = null;
  }

  setQuery(value: string): void {
    this.query = value;
    this.notFound = null;
    clearTimeout(this.#timer);
    const q = value.trim();
    if (q.length < 2) {
      this.#searchSeq++;
      this.#scheduled = null;
      this.results = [];
      this.shownQuery = '';
      this.highlighted = 0;
      this.searching = false;
      return;
    }
    this.#scheduled = q;
    this.#timer = setTimeout(() => void this.#search(q), SEARCH_DEBOUNCE_MS);
  }

  async #search(q: string, keepHighlight = false): Promise<ParticipantSummary[] | null> {
    clearTimeout(this.#timer);
    this.#scheduled = null;
    const seq = ++this.#searchSeq;
    this.searching = true;
    const previous = keepHighlight ? this.highlightedParticipant?.id : undefined;
    try {
      const found = await this.#app.client.search({ query: q, limit: SEARCH_LIMIT });
      if (seq !== this.#searchSeq) return null;
      this.results = found;
      this.shownQuery = q;
      const again = previous ? found.findIndex((p) => p.id === previous) : -1;
      this.highlighted = again >= 0 ? again : 0;
      return found;
    } catch (error) {
      if (seq === this.#searchSeq) this.showError(error);
      return null;
    } finally {
      if (seq === this.#searchSeq) this.searching = false;
    }
  }

  move(delta: number): void {
    if (this.results.length === 0) return;
    this.highlighted = Math.min(this.results.length - 1, Math.max(0, this.highlighted + delta));
  }

  highlight(index: number): void {
    if (index >= 0 && index < this.results.length) this.highlighted = index;
  }

  /** Enter in the search box. */
  async submit(): Promise<void> {
    if (this.busy || this.confirm) return;
    const raw = this.query.trim();
    if (!raw) return;
    const nib = compactNib(raw);
    if (isNib(nib)) return this.openByNib(nib);
    if (this.#scheduled === null && this.shownQuery === raw && this.results.length > 0) {
      const chosen = this.results[this.highlighted];
      if (chosen) this.openConfirm(chosen, 'search');
      return;
    }
    const found = await this.#search(raw);
    if (found === null) return;
    if (found.length === 1 && found[0]) this.openConfirm(found[0], 'search');
    else if (found.length === 0) this.#showNotFound({ query: raw, nib: null });
  }

  /** A full 13-digit NIB was typed or scanned: straight to the confirm panel, or "not found". */
  async openByNib(nib: string): Promise<void> {
    this.busy = true;
    this.pendingNib = nib;
    this.notFound = null;
    try {
      const found = await this.#search(nib);
      if (found === null) return;
      const hit = found.find((p) => p.nib === nib);
      if (hit) this.openConfirm(hit, 'nib');
      else this.#showNotFound({ query: nib, nib });
    } finally {
      this.busy = false;
      this.pendingNib = null;
    }
  }

  /** Nothing found is this search's own result: the last check-in's banner goes. */
  #showNotFound(notFound: NonNullable<CheckinState['notFound']>): void {
    this.outcome = null;
    this.undoing = false;
    this.notFound = notFound;
  }

  openConfirm(participant: ParticipantSummary, via: Confirm['via']): void {
    this.notFound = null;
    // A banner belongs to one action: the last check-in's goes once the next one is being confirmed.
    this.outcome = null;
    this.undoing = false;
    this.confirm = { participant, via };
  }

  cancelConfirm(): void {
    if (this.busy) return;
    this.confirm = null;
  }

  /** "Catat Kehadiran" in the confirm panel; for someone already present, "Tutup" (nothing to record). */
  async confirmCheckIn(): Promise<void> {
    const current = this.confirm;
    if (!current || this.busy) return;
    if (current.participant.present) {
      this.confirm = null;
      this.outcome = { kind: 'already', participant: current.participant };
      play('notice');
      this.clear();
      return;
    }
    this.busy = true;
    try {
      const outcome = await this.#app.client.checkIn({ participantId: current.participant.id, via: current.via });
      this.confirm = null;
      this.#record(outcome.status, outcome.participant);
      this.clear();
      this.#app.afterLocalChange();
      this.#offerPrint(outcome);
    } catch (error) {
      this.confirm = null;
      this.showError(error);
    } finally {
      this.busy = false;
    }
  }

  /**
   * A scanner burst or a camera read: whatever the code is (a signed badge code, a plain NIB), the
   * core decides and records it at once; there is nothing for the operator to confirm.
   */
  async scan(code: string): Promise<void> {
    if (this.busy) return;
    const raw = code.trim();
    const nib = compactNib(raw);
    const sent = isNib(nib) ? nib : raw;
    this.confirm = null;
    this.notFound = null;
    this.printOffer = null;
    this.undoing = false;
    this.busy = true;
    this.pendingNib = isNib(nib) ? nib : null;
    try {
      const outcome = await this.#app.client.checkIn({ code: sent });
      this.#record(outcome.status, outcome.participant);
      this.#app.afterLocalChange();
      this.#offerPrint(outcome);
    } catch (error) {
      if (toUiError(error).code === 'participant_not_found' && isNib(nib)) {
        this.#showNotFound({ query: nib, nib });
        play('error');
      } else this.showError(error);
    } finally {
      this.busy = false;
      this.pendingNib = null;
    }
  }

  /** After a new check-in, print the badge as this desk is set to: always, ask, or never. */
  #offerPrint(outcome: CheckinOutcome): void {
    if (outcome.status !== 'checked_in') return;
    const mode = this.#app.settings?.printMode ?? 'never';
    if (mode === 'never') return;
    const participant = outcome.participant;
    const reprint = (participant.badges?.length ?? 0) > 0;
    // An earlier print is never repeated silently: the operator sees the warning and gives a reason.
    if (mode === 'always' && !reprint) void this.print(participant);
    else this.printOffer = { participant, reprint, error: null };
  }

  /** Print (or reprint, with a reason) the badge of the participant just checked in. */
  async print(participant: ParticipantDetail, reason?: string): Promise<void> {
    if (this.printing) return;
    const reprint = (participant.badges?.length ?? 0) > 0 || this.printOffer?.reprint === true;
    if (reprint && !reason?.trim()) {
      this.printOffer = { participant, reprint: true, error: this.#app.tr('error.reason_required') };
      return;
    }
    this.printing = true;
    try {
      const result = await this.#app.printBadge(participant.id, reprint ? reason?.trim() : undefined);
      if (result.printed) {
        if (this.printOffer?.participant.id === participant.id) this.printOffer = null;
        this.showNote(this.#app.tr('print.done', { name: participant.name }));
      } else {
        // Not confirmed: the offer stays (or comes back, after "always") to print again or skip.
        this.printOffer = { participant: result.participant, reprint, error: this.#app.tr('print.notRecorded', { name: participant.name }) };
      }
    } catch (error) {
      const again = toUiError(error).code === 'reprint_reason_required';
      this.printOffer = { participant, reprint: reprint || again, error: this.#app.err(error) };
      play('error');
    } finally {
      this.printing = false;
    }
  }

  skipPrint(): void {
    if (!this.printing) this.printOffer = null;
  }

  /** Show the result of a check-in made here or on another screen (walk-in, participant view). */
  #record(status: 'checked_in' | 'already_present', participant: ParticipantDetail): void {
    this.undoing = false;
    if (status === 'checked_in') {
      this.outcome = { kind: 'success', participant, at: participant.checkin?.at ?? Date.now() };
      play('success');
    } else {
      this.outcome = { kind: 'already', participant };
      play('notice');
    }
  }

  recordOutcome(status: 'checked_in' | 'already_present', participant: ParticipantDetail): void {
    this.#record(status, participant);
    this.clear();
    this.printOffer = null;
    this.#offerPrint({ status, participant });
  }

  recordVoided(participant: ParticipantDetail): void {
    this.undoing = false;
    this.outcome = { kind: 'voided', participant };
  }

  /** F8 on the success banner: undo that check-in, once the reason is given. */
  startUndo(): void {
    if (this.outcome?.kind !== 'success' || this.busy || this.confirm) return;
    this.undoing = true;
    this.undoError = null;
  }

  cancelUndo(): void {
    this.undoing = false;
    this.undoError = null;
  }

  async submitUndo(reason: string): Promise<boolean> {
    const shown = this.outcome;
    if (shown?.kind !== 'success' || this.busy) return false;
    if (!reason.trim()) {
      this.undoError = this.#app.tr('error.reason_required');
      return false;
    }
    this.busy = true;
    try {
      const participant = await this.#app.client.voidCheckIn({ participantId: shown.participant.id, reason: reason.trim() });
      if (this.printOffer?.participant.id === participant.id) this.printOffer = null;
      this.recordVoided(participant);
      this.#app.afterLocalChange();
      return true;
    } catch (error) {
      this.undoError = this.#app.err(error);
      play('error');
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Leaving for the kiosk (or coming back): nothing of the last operator's work stays on screen. */
  reset(): void {
    this.confirm = null;
    this.outcome = null;
    this.printOffer = null;
    this.undoing = false;
    this.clear();
  }

  showError(error: unknown): void {
    this.outcome = { kind: 'error', message: this.#app.err(error) };
    play('error');
  }

  showNote(text: string): void {
    this.note = text;
    clearTimeout(this.#noteTimer);
    this.#noteTimer = setTimeout(() => (this.note = null), 2500);
  }

  /** Empty the box and the results (after a check-in, or Esc). */
  clear(): void {
    this.setQuery('');
    this.notFound = null;
  }

  /** Live update: re-run the shown search so states and badges are current. */
  async refresh(): Promise<void> {
    if (!this.shownQuery || this.busy) return;
    const found = await this.#search(this.shownQuery, true);
    const open = this.confirm;
    const fresh = open && found?.find((p) => p.id === open.participant.id);
    if (open && fresh && this.confirm === open) this.confirm = { participant: fresh, via: open.via };
  }
}
