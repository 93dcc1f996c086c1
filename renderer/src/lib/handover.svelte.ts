import type { CertificateView, HandoverOutcome, HandoverView, ParticipantDetail, ParticipantSummary } from '../../../shared/api';
import { isNib } from '../../../shared/domain/nib';
import { formatTime } from '../../../shared/i18n';
import type { AppState } from './app.svelte';
import { compactNib, SEARCH_DEBOUNCE_MS, SEARCH_LIMIT } from './checkin.svelte';
import { toUiError } from './errors';
import { deskPhrase } from './format';
import { play } from './sound';

/**
 * "Serah Terima Sertifikat" as one guided flow: find the participant → scan the certificate in hand
 * → who receives it → signature (and photo) → confirm → receipt. Nothing is written before the
 * confirmation; every step can be left with Esc to the one before.
 */
export type HandoverStep = 'find' | 'certificate' | 'recipient' | 'proof' | 'confirm' | 'done';

export type CertificateProblem =
  /** The number in hand is not one of this participant's certificates ("AMPLOP SALAH"). */
  | { kind: 'wrong'; number: string; message: string }
  /** Handed over before: who, when, where, to whom; again only with the organizer PIN and a reason. */
  | { kind: 'already'; certificate: CertificateView; message: string }
  | { kind: 'error'; message: string };

/**
 * Certificate numbers as scanners and people write them: spaces, dashes and dots dropped, upper
 * case; a certificate's QR code may hold a URL around the number, so "ID" + 17 digits is taken out
 * of whatever was read (as the core does).
 */
export function normalizeNumber(raw: string): string {
  const compact = raw.replace(/[\s.\-_/]/g, '').toUpperCase();
  return /ID\d{17}/.exec(compact)?.[0] ?? compact;
}

/** "3171••••••••0004": the first four and last four of an ID number, the rest hidden. */
export function maskId(raw: string): string {
  const id = raw.replace(/\s+/g, '');
  if (id.length <= 4) return '•'.repeat(id.length);
  if (id.length <= 8) return '•'.repeat(id.length - 4) + id.slice(-4);
  return id.slice(0, 4) + '•'.repeat(id.length - 8) + id.slice(-4);
}

/** The handover that stands (the last one listed); null when there is none. */
export function lastHandover(c: CertificateView): HandoverView | null {
  return c.handovers.at(-1) ?? null;
}

export class HandoverState {
  readonly #app: AppState;

  step = $state<HandoverStep>('find');

  // Find the participant.
  query = $state('');
  results = $state<ParticipantSummary[]>([]);
  shownQuery = $state('');
  highlighted = $state(0);
  searching = $state(false);
  notFound = $state<string | null>(null);

  participant = $state<ParticipantDetail | null>(null);
  certificates = $state<CertificateView[]>([]);
  loading = $state(false);

  // The certificate in hand.
  number = $state('');
  certificate = $state<CertificateView | null>(null);
  problem = $state<CertificateProblem | null>(null);
  /** An organizer let an already handed-over certificate go out again: the reason is recorded. */
  overrideReason = $state<string | null>(null);
  /** The override reason form is open (after the PIN). */
  overriding = $state(false);

  // The recipient.
  kind = $state<'owner' | 'representative'>('owner');
  repName = $state('');
  repRelationship = $state('');
  repIdNumber = $state('');
  letterShown = $state(false);
  recipientError = $state<string | null>(null);

  // Proof.
  signature = $state<string | null>(null);
  photo = $state<string | null>(null);
  proofError = $state<string | null>(null);

  // Confirm and the result.
  busy = $state(false);
  submitError = $state<string | null>(null);
  outcome = $state<HandoverOutcome | null>(null);
  printError = $state<string | null>(null);

  highlightedParticipant: ParticipantSummary | null = $derived(this.results[this.highlighted] ?? null);
  /** Certificates of this participant still in the boxes. */
  available: CertificateView[] = $derived(this.certificates.filter((c) => c.status === 'tersedia'));
  recipientName: string = $derived(this.kind === 'owner' ? (this.participant?.name ?? '') : this.repName.trim());

  /** The receipt being printed after a handover (the print frame takes the focus meanwhile). */
  printJob: Promise<void> | null = null;

  #timer: ReturnType<typeof setTimeout> | undefined;
  #seq = 0;

  constructor(app: AppState) {
    this.#app = app;
    app.onScreenChange((to) => {
      if (to.name !== 'handover') this.#endBanners();
    });
    app.onSignOut(() => this.restart());
  }

  /**
   * Going to another screen is the operator's next action: the last step's alerts go, and a
   * finished handover makes way for the next participant. A handover under way stays.
   */
  #endBanners(): void {
    if (this.step === 'done') return this.restart();
    this.notFound = null;
    if (this.problem) {
      this.problem = null;
      this.number = '';
    }
    this.overriding = false;
    this.recipientError = null;
    this.proofError = null;
    this.submitError = null;
  }

  // ── Step 1: find the participant ────────────────────────────────────────────────────────────

  setQuery(value: string): void {
    this.query = value;
    this.notFound = null;
    clearTimeout(this.#timer);
    const q = value.trim();
    if (q.length < 2 || q.toUpperCase().startsWith('LK1')) {
      this.#seq++;
      this.results = [];
      this.shownQuery = '';
      this.highlighted = 0;
      this.searching = false;
      return;
    }
    this.#timer = setTimeout(() => void this.#search(q), SEARCH_DEBOUNCE_MS);
  }

  async #search(q: string): Promise<ParticipantSummary[] | null> {
    clearTimeout(this.#timer);
    const seq = ++this.#seq;
    this.searching = true;
    try {
      const found = await this.#app.client.search({ query: q, limit: SEARCH_LIMIT });
      if (seq !== this.#seq) return null;
      this.results = found;
      this.shownQuery = q;
      this.highlighted = 0;
      return found;
    } catch (error) {
      if (seq === this.#seq) this.notFound = this.#app.err(error);
      return null;
    } finally {
      if (seq === this.#seq) this.searching = false;
    }
  }

  move(delta: number): void {
    if (this.results.length === 0) return;
    this.highlighted = Math.min(this.results.length - 1, Math.max(0, this.highlighted + delta));
  }

  /** Enter in the search box: an NIB or a badge code opens that participant, a name picks the highlighted row. */
  async submitFind(): Promise<void> {
    if (this.loading) return;
    const raw = this.query.trim();
    if (!raw) return;
    if (raw.toUpperCase().startsWith('LK1')) return this.openBadge(raw);
    const nib = compactNib(raw);
    if (isNib(nib)) {
      const found = await this.#search(nib);
      const hit = found?.find((p) => p.nib === nib);
      if (hit) await this.open(hit.id);
      else if (found) this.#notFound(this.#app.tr('checkin.notFoundNib', { nib }));
      return;
    }
    if (this.shownQuery === raw && this.results.length > 0) {
      const chosen = this.results[this.highlighted];
      if (chosen) await this.open(chosen.id);
      return;
    }
    const found = await this.#search(raw);
    if (found && found.length === 1 && found[0]) await this.open(found[0].id);
    else if (found && found.length === 0) this.#notFound(this.#app.tr('checkin.notFoundQuery', { query: raw }));
  }

  /**
   * A scanned badge: the desk verifies its signature (a forged badge is refused) and looks the
   * participant up. Nothing is recorded; the operator sees the name before anything is handed over.
   */
  async openBadge(code: string): Promise<void> {
    try {
      const participant = await this.#app.client.participant({ code });
      await this.open(participant.id);
    } catch (error) {
      this.#notFound(this.#app.err(error));
    }
  }

  #notFound(text: string): void {
    this.notFound = text;
    play('error');
  }

  /** Open a participant's certificates (also from the participant view). */
  async open(participantId: string): Promise<void> {
    this.loading = true;
    this.notFound = null;
    try {
      const [participant, certificates] = await Promise.all([
        this.#app.client.participant({ id: participantId }),
        this.#app.client.certificates({ participantId }),
      ]);
      this.#resetHandover();
      this.participant = participant;
      this.certificates = certificates;
      this.step = 'certificate';
    } catch (error) {
      this.#notFound(this.#app.err(error));
    } finally {
      this.loading = false;
    }
  }

  /**
   * The participant and their certificates as the desk has them now: after a change notice
   * (another desk hands one over) and whenever the screen is shown again (a certificate list
   * imported meanwhile, whose notice came while this screen was not listening).
   */
  async refresh(): Promise<void> {
    const p = this.participant;
    if (!p || this.busy || this.step === 'find') return;
    try {
      const [participant, fresh] = await Promise.all([this.#app.client.participant({ id: p.id }), this.#app.client.certificates({ participantId: p.id })]);
      if (this.participant?.id !== p.id) return;
      this.participant = participant;
      this.certificates = fresh;
      const chosen = this.certificate;
      if (chosen) this.certificate = fresh.find((c) => c.id === chosen.id) ?? chosen;
    } catch {
      // The next change notice tries again.
    }
  }

  // ── Step 2: the certificate in hand ─────────────────────────────────────────────────────────

  setNumber(value: string): void {
    this.number = value;
    if (this.problem?.kind !== 'already' || !this.overriding) this.problem = null;
  }

  /** Enter after the number was scanned or typed: it must be one of this participant's certificates. */
  submitNumber(): void {
    const typed = normalizeNumber(this.number);
    if (!typed || !this.participant) return;
    this.overriding = false;
    this.overrideReason = null;
    const hit = this.certificates.find((c) => normalizeNumber(c.number) === typed);
    if (!hit) {
      this.problem = {
        kind: 'wrong',
        number: typed,
        message: this.#app.tr('handover.wrongLocal', { number: typed, name: this.participant.name }),
      };
      this.certificate = null;
      play('error');
      return;
    }
    this.certificate = hit;
    if (hit.status === 'belum_terbit') {
      this.problem = { kind: 'error', message: this.#app.tr('error.certificate_not_issued', { number: hit.number }) };
      play('error');
      return;
    }
    if (hit.status === 'diserahkan') {
      this.problem = { kind: 'already', certificate: hit, message: this.alreadyText(hit) };
      play('error');
      return;
    }
    this.problem = null;
    this.#toRecipient();
  }

  /** "Sudah diserahkan pukul 10.15 WITA di Meja 2 oleh Rina kepada Siti Aminah". */
  alreadyText(c: CertificateView): string {
    const h = lastHandover(c);
    if (!h) return this.#app.tr('handover.alreadyShort', { number: c.number });
    return this.#app.tr('error.already_handed_over', {
      number: c.number,
      time: formatTime(this.#app.lang, h.at, this.#app.timezone),
      desk: deskPhrase(this.#app.lang, h.deskName),
      operator: h.operator,
      recipient: h.recipient.name,
    });
  }

  /** Hand a certificate over again: the organizer PIN first, then a reason. */
  startOverride(): void {
    if (this.problem?.kind !== 'already') return;
    this.#app.requireOrganizer(() => {
      this.overriding = true;
    });
  }

  cancelOverride(): void {
    this.overriding = false;
  }

  /** The reason is given: go on with the handover, which the core records with the override. */
  confirmOverride(reason: string): string | null {
    const text = reason.trim();
    if (!text) return this.#app.tr('error.reason_required');
    if (this.problem?.kind !== 'already') return null;
    this.certificate = this.problem.certificate;
    this.overrideReason = text;
    this.overriding = false;
    this.problem = null;
    this.#toRecipient();
    return null;
  }

  #toRecipient(): void {
    this.recipientError = null;
    this.step = 'recipient';
  }

  // ── Step 3: the recipient ───────────────────────────────────────────────────────────────────

  setKind(kind: 'owner' | 'representative'): void {
    this.kind = kind;
    this.recipientError = null;
  }

  submitRecipient(): boolean {
    if (this.kind === 'representative' && (!this.repName.trim() || !this.repRelationship.trim())) {
      this.recipientError = this.#app.tr('error.representative_name_required');
      return false;
    }
    this.recipientError = null;
    this.proofError = null;
    this.step = 'proof';
    return true;
  }

  // ── Step 4: proof ───────────────────────────────────────────────────────────────────────────

  setSignature(path: string | null): void {
    this.signature = path;
    if (path) this.proofError = null;
  }

  submitProof(): boolean {
    if (!this.signature) {
      this.proofError = this.#app.tr('error.signature_required');
      play('error');
      return false;
    }
    this.proofError = null;
    this.submitError = null;
    this.step = 'confirm';
    return true;
  }

  // ── Step 5: confirm ─────────────────────────────────────────────────────────────────────────

  async confirm(): Promise<void> {
    const participant = this.participant;
    const certificate = this.certificate;
    if (!participant || !certificate || this.busy) return;
    this.busy = true;
    this.submitError = null;
    const representative = this.kind === 'representative';
    try {
      const outcome = await this.#app.client.handOver({
        participantId: participant.id,
        number: certificate.number,
        recipient: representative
          ? {
              kind: 'representative',
              name: this.repName.trim(),
              relationship: this.repRelationship.trim(),
              ...(this.repIdNumber.trim() ? { idNumber: this.repIdNumber.replace(/\s+/g, '') } : {}),
              letterShown: this.letterShown,
            }
          : { kind: 'owner', name: participant.name, letterShown: false },
        signature: this.signature,
        photo: this.photo,
        ...(this.overrideReason ? { overrideReason: this.overrideReason } : {}),
      });
      this.outcome = outcome;
      this.certificates = this.certificates.map((c) => (c.id === outcome.certificate.id ? outcome.certificate : c));
      this.step = 'done';
      play('success');
      this.#app.afterLocalChange();
      this.printJob = this.printReceipt();
    } catch (error) {
      this.#refused(error);
    } finally {
      this.busy = false;
    }
  }

  /** The desk refused: back to the step that can fix it, with the desk's own words. */
  #refused(error: unknown): void {
    const { code } = toUiError(error);
    const message = this.#app.err(error);
    play('error');
    if (code === 'wrong_envelope' || code === 'certificate_not_found') {
      this.problem = { kind: 'wrong', number: this.certificate?.number ?? '', message };
      this.step = 'certificate';
    } else if (code === 'already_handed_over') {
      const c = this.certificate;
      this.problem = c ? { kind: 'already', certificate: c, message } : { kind: 'error', message };
      this.overrideReason = null;
      this.step = 'certificate';
      void this.refresh();
    } else if (code === 'certificate_not_issued') {
      this.problem = { kind: 'error', message };
      this.step = 'certificate';
    } else if (code === 'representative_name_required') {
      this.recipientError = message;
      this.step = 'recipient';
    } else if (code === 'signature_required') {
      this.proofError = message;
      this.step = 'proof';
    } else if (code === 'organizer_locked') {
      // The organizer session ran out before an override was saved: unlock and confirm again.
      this.submitError = message;
      this.#app.requireOrganizer(() => void this.confirm());
    } else this.submitError = message;
  }

  back(): void {
    if (this.busy) return;
    if (this.step === 'confirm') this.step = 'proof';
    else if (this.step === 'proof') this.step = 'recipient';
    else if (this.step === 'recipient') this.step = 'certificate';
    else if (this.step === 'certificate') {
      if (this.overriding) this.overriding = false;
      else if (this.problem || this.number) {
        this.problem = null;
        this.number = '';
      } else this.restart();
    } else if (this.step === 'done') this.restart();
    else if (this.step === 'find') this.setQuery('');
  }

  // ── Step 6: the receipt ─────────────────────────────────────────────────────────────────────

  async printReceipt(): Promise<void> {
    const certificate = this.outcome?.certificate;
    if (!certificate) return;
    this.printError = null;
    try {
      const printed = await this.#app.client.printReceipt({ certificateId: certificate.id });
      if (printed.mode === 'browser') await this.#app.printDocument(printed.html);
    } catch (error) {
      this.printError = this.#app.err(error);
    }
  }

  /** Another certificate of the same participant (several products, several certificates). */
  nextCertificate(): void {
    this.#resetHandover();
    this.step = 'certificate';
  }

  /** The next participant: back to an empty search box. */
  restart(): void {
    this.#resetHandover();
    this.participant = null;
    this.certificates = [];
    this.setQuery('');
    this.step = 'find';
  }

  #resetHandover(): void {
    this.number = '';
    this.certificate = null;
    this.problem = null;
    this.overrideReason = null;
    this.overriding = false;
    this.kind = 'owner';
    this.repName = '';
    this.repRelationship = '';
    this.repIdNumber = '';
    this.letterShown = false;
    this.recipientError = null;
    this.signature = null;
    this.photo = null;
    this.proofError = null;
    this.submitError = null;
    this.outcome = null;
    this.printError = null;
  }
}

const states = new WeakMap<AppState, HandoverState>();

/** The desk's one handover flow, kept while the operator visits other screens. */
export function handoverOf(app: AppState): HandoverState {
  let state = states.get(app);
  if (!state) {
    state = new HandoverState(app);
    states.set(app, state);
  }
  return state;
}
