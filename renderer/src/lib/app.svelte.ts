import { getContext, setContext } from 'svelte';
import type { BadgeLayout, DeskInfo, DeskSettings, LoketClient, ParticipantDetail, Status, WalkInInput } from '../../../shared/api';
import { t, type Lang, type TextKey } from '../../../shared/i18n';
import { CheckinState } from './checkin.svelte';
import { subscribeChanges, type ChangeSource } from './client';
import { errorText } from './errors';
import { printHtml } from './print';

export type View =
  | { name: 'checkin' }
  | { name: 'participant'; id: string }
  | { name: 'walkin'; prefill: Partial<WalkInInput> }
  | { name: 'import' }
  | { name: 'settings' }
  /** Self check-in (kiosk mandiri): full screen, no operator controls, the organizer PIN to leave. */
  | { name: 'kiosk' }
  /** Serah Terima Sertifikat: the guided certificate handover (lib/handover.svelte.ts). */
  | { name: 'handover' }
  | { name: 'stock' }
  | { name: 'conflicts' }
  | { name: 'certImport' }
  /** Sinkronisasi: the known desks, what this desk holds and lacks, and inviting a new desk. */
  | { name: 'sync' }
  /** Ekspor Laporan (organizer): the end-of-day export for the ministry. */
  | { name: 'export' }
  /** Dasbor (organizer): the whole event live from every desk, with a big-screen mode for a projector. */
  | { name: 'dashboard' };

type Params = Record<string, string | number>;

/** "Did the badge come out of the printer?", asked after the browser's print dialog closed. */
export interface PrintCheck {
  name: string;
  answer: (printed: boolean) => void;
}

/** A badge print as it ended: `printed` only when the printer reported it or the operator confirmed it. */
export interface BadgePrintResult {
  printed: boolean;
  participant: ParticipantDetail;
}

/** How long after a change notice the desk refreshes (changes arrive in bursts during an import). */
const CHANGE_SETTLE_MS = 120;

/**
 * The desk as the renderer sees it: desk info, counters, the current screen, the clock, and the
 * check-in screen's state (kept here so it survives a visit to another screen).
 */
export class AppState {
  readonly client: LoketClient;
  readonly #changes: ChangeSource;

  info = $state<DeskInfo | null>(null);
  status = $state<Status | null>(null);
  /** Set when the first deskInfo() fails: the desk core is not reachable. */
  loadError = $state<string | null>(null);
  view = $state<View>({ name: 'checkin' });
  now = $state(Date.now());
  /** Live connection to the desk core (browser fallback); false shows a warning in the header. */
  online = $state(true);
  /** An organizer PIN prompt is open; `then` runs after a successful unlock. */
  pinPrompt = $state<{ then: (() => void) | null } | null>(null);
  /** The "did it print?" question after a browser print dialog (components/PrintCheck.svelte). */
  printCheck = $state<PrintCheck | null>(null);
  /** Bumped after header actions so the current screen puts focus back where work happens. */
  focusRequest = $state(0);

  readonly checkin: CheckinState;

  /** This desk's printing settings; null until loaded (or when the core cannot answer): nothing is printed. */
  settings = $state<DeskSettings | null>(null);
  /** How a document is printed in the browser fallback (replaced in tests). */
  printDocument: (html: string) => Promise<void> = printHtml;

  lang: Lang = $derived(this.info?.lang ?? 'id');
  timezone: string = $derived(this.info?.event?.timezone ?? 'Asia/Makassar');
  organizer: boolean = $derived(this.info?.organizerUntil != null && this.info.organizerUntil > this.now);
  /** A dialog of the whole window is open: screens leave the keyboard to it. */
  dialogOpen: boolean = $derived(this.pinPrompt !== null || this.printCheck !== null);

  readonly #listeners = new Set<() => void>();
  readonly #screenListeners = new Set<(to: View) => void>();
  readonly #signOutListeners = new Set<() => void>();
  #settle: ReturnType<typeof setTimeout> | undefined;

  constructor(client: LoketClient, changes: ChangeSource = subscribeChanges) {
    this.client = client;
    this.#changes = changes;
    this.checkin = new CheckinState(this);
  }

  /** The UI text for a key in the desk's language. */
  tr = (key: TextKey, params?: Params): string => t(this.lang, key, params);

  /** The operator-facing sentence for a thrown client error. */
  err = (error: unknown): string => errorText(this.lang, error);

  /** Loads the desk, starts the clock and live updates; returns the teardown. */
  start(): () => void {
    void this.load();
    const clock = setInterval(() => (this.now = Date.now()), 1000);
    const unsubscribe = this.#changes({
      change: () => this.#changed(),
      connection: (online) => (this.online = online),
    });
    return () => {
      clearInterval(clock);
      clearTimeout(this.#settle);
      unsubscribe();
    };
  }

  async load(): Promise<void> {
    try {
      this.info = await this.client.deskInfo({});
      this.loadError = null;
      if (this.info.event) await Promise.all([this.refreshStatus(), this.loadSettings()]);
    } catch (error) {
      this.loadError = this.err(error);
    }
  }

  async loadSettings(): Promise<void> {
    try {
      this.settings = await this.client.deskSettings({});
    } catch {
      // No settings: the desk prints nothing on check-in until they can be read.
    }
  }

  /**
   * Print a participant's badge: silently by the desk (the core records it once the printer reports
   * success), or here with the browser's print dialog. That dialog does not say whether anything
   * printed, so the operator is asked afterwards, and only a "yes" records the print. `askFor`
   * limits how long the question waits (the kiosk, where nobody may answer): no answer is a "no".
   */
  async printBadge(participantId: string, reason?: string, layout?: BadgeLayout, askFor?: number): Promise<BadgePrintResult> {
    const outcome = await this.client.printBadge({
      participantId,
      ...(reason ? { reason } : {}),
      ...(layout ? { layout } : {}),
    });
    if (outcome.mode === 'silent') return { printed: true, participant: outcome.participant };
    await this.printDocument(outcome.html);
    if (!(await this.askPrinted(outcome.participant.name, askFor))) return { printed: false, participant: outcome.participant };
    const participant = await this.client.confirmBadgePrint({ participantId, layout: outcome.layout, ...(reason ? { reason } : {}) });
    return { printed: true, participant };
  }

  /** Resolves with the operator's answer to "did it print?" (false after `timeoutMs` without one). */
  askPrinted(name: string, timeoutMs?: number): Promise<boolean> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const answer = (printed: boolean) => {
        clearTimeout(timer);
        if (this.printCheck?.answer === answer) this.printCheck = null;
        resolve(printed);
      };
      if (timeoutMs !== undefined) timer = setTimeout(() => answer(false), timeoutMs);
      this.printCheck = { name, answer };
    });
  }

  /** Self check-in: the organizer session ends, so leaving the mode needs the PIN again. */
  async enterKiosk(): Promise<void> {
    // The last operator's banners and questions do not wait under the kiosk for the next one.
    this.checkin.reset();
    try {
      this.info = await this.client.lockOrganizer({});
    } catch {
      // Leaving asks for the PIN regardless (see exitKiosk).
    }
    this.go({ name: 'kiosk' });
  }

  /** Always asks for the organizer PIN (checked by the core), even if a session is still open. */
  exitKiosk(): void {
    this.pinPrompt = {
      then: () => {
        this.checkin.reset();
        this.go({ name: 'checkin' });
      },
    };
  }

  setInfo(info: DeskInfo): void {
    this.info = info;
  }

  async refreshStatus(): Promise<void> {
    if (!this.info?.event) return;
    try {
      this.status = await this.client.status({});
    } catch {
      // Counters are a convenience; the next change notice tries again.
    }
  }

  /** Register for "the data changed" (after the counters were refreshed). Returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    clearTimeout(this.#settle);
    this.#settle = setTimeout(() => void this.#refreshAll(), CHANGE_SETTLE_MS);
  }

  async #refreshAll(): Promise<void> {
    try {
      this.info = await this.client.deskInfo({});
      this.online = true;
    } catch {
      return;
    }
    await this.refreshStatus();
    for (const listener of this.#listeners) listener();
  }

  /** Called after this screen changed data itself: counters now, other listeners as usual. */
  afterLocalChange(): void {
    void this.refreshStatus();
  }

  /**
   * Register what a screen's kept state does when the operator goes to another screen (the
   * listener hears the screen gone to). Those states live as long as the app, so does the listener.
   */
  onScreenChange(listener: (to: View) => void): void {
    this.#screenListeners.add(listener);
  }

  /** Register what a screen's kept state drops when the operator signs out. */
  onSignOut(listener: () => void): void {
    this.#signOutListeners.add(listener);
  }

  /**
   * The operator signs out: what they had under way goes with them (a half-done handover would
   * otherwise be recorded under the next operator's name), and the desk waits at check-in.
   */
  async signOut(): Promise<void> {
    this.setInfo(await this.client.signOut({}));
    for (const listener of this.#signOutListeners) listener();
    this.go({ name: 'checkin' });
  }

  go(view: View): void {
    if (view.name !== this.view.name) for (const listener of this.#screenListeners) listener(view);
    this.view = view;
  }

  /** Ask the current screen to take the keyboard focus back (the check-in screen: its search box). */
  focusMain(): void {
    this.focusRequest++;
  }

  async setLanguage(lang: Lang): Promise<void> {
    if (lang === this.lang) return this.focusMain();
    try {
      this.info = await this.client.setLanguage({ lang });
    } catch {
      // Keep the current language; nothing else depends on it.
    }
    this.focusMain();
  }

  /** Run `then` now if the organizer is unlocked, otherwise after the PIN prompt succeeds. */
  requireOrganizer(then: () => void): void {
    if (this.organizer) then();
    else this.pinPrompt = { then };
  }

  async unlock(pin: string): Promise<void> {
    this.info = await this.client.unlockOrganizer({ pin });
    const next = this.pinPrompt?.then ?? null;
    this.pinPrompt = null;
    if (next) next();
    else this.focusMain();
  }

  async lock(): Promise<void> {
    try {
      this.info = await this.client.lockOrganizer({});
    } finally {
      if (this.view.name === 'import' || this.view.name === 'settings' || this.view.name === 'certImport' || this.view.name === 'export' || this.view.name === 'dashboard') this.go({ name: 'checkin' });
      this.focusMain();
    }
  }
}

const KEY = Symbol('loket.app');

export function setApp(app: AppState): AppState {
  return setContext(KEY, app);
}

export function getApp(): AppState {
  const app = getContext<AppState | undefined>(KEY);
  if (!app) throw new Error('AppState missing from context');
  return app;
}

/** For tests: the context map a component needs to find the app state. */
export function appContext(app: AppState): Map<unknown, unknown> {
  return new Map([[KEY, app]]);
}
