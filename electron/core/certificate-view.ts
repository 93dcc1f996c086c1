import type { CertificateState } from '../../shared/fold-certificate';
import { changedStates } from './participant-view';
import type { Db } from './store/open-database';

/** Certificates in memory, by ID, by number and by participant; refreshed per subject like the participants. */
export class CertificateView {
  private readonly byId = new Map<string, CertificateState>();
  private readonly byNumber = new Map<string, string>();
  private readonly byParticipant = new Map<string, Set<string>>();
  private readonly stmt;

  constructor(db: Db) {
    this.stmt = {
      all: db.prepare("SELECT state FROM subjects WHERE subject LIKE 'c:%'").pluck(),
      one: db.prepare('SELECT state FROM subjects WHERE subject = ?').pluck(),
    };
    this.load();
  }

  private load(): void {
    for (const state of this.stmt.all.iterate() as Iterable<string>) this.put(JSON.parse(state));
  }

  /** Everything read again into empty maps (after a purge, when handovers lost their recipients). */
  reload(): void {
    this.byId.clear();
    this.byNumber.clear();
    this.byParticipant.clear();
    this.load();
  }

  get(id: string): CertificateState | undefined {
    return this.byId.get(id);
  }

  byNumberValue(number: string): CertificateState | undefined {
    const id = this.byNumber.get(number);
    return id ? this.byId.get(id) : undefined;
  }

  ofParticipant(participant: string): CertificateState[] {
    return [...(this.byParticipant.get(participant) ?? [])].map((id) => this.byId.get(id)!).sort((a, b) => a.number.localeCompare(b.number));
  }

  all(): IterableIterator<CertificateState> {
    return this.byId.values();
  }

  refresh(ids: readonly string[]): void {
    const states = changedStates(ids, () => this.stmt.all.iterate() as Iterable<string>, (id) => this.stmt.one.get(`c:${id}`) as string | undefined);
    for (const state of states) if (state) this.put(JSON.parse(state));
  }

  private put(c: CertificateState): void {
    const old = this.byId.get(c.id);
    if (old) {
      this.byParticipant.get(old.participant)?.delete(c.id);
      if (this.byNumber.get(old.number) === c.id) this.byNumber.delete(old.number);
    }
    this.byId.set(c.id, c);
    if (c.number) this.byNumber.set(c.number, c.id);
    const set = this.byParticipant.get(c.participant) ?? new Set<string>();
    set.add(c.id);
    this.byParticipant.set(c.participant, set);
  }
}
