import type { ParticipantState } from '../../shared/fold';
import { SearchIndex } from '../../shared/search';
import type { Db } from './store/open-database';

/** Above this many changed subjects a refresh reads the whole table. */
const BULK_REFRESH = 2_000;

/**
 * The stored states a view takes back after `ids` changed: one lookup each, or, after a catch-up
 * changed most of the table, one pass over all of it (cheaper than thousands of lookups).
 */
export function changedStates(ids: readonly string[], readAll: () => Iterable<string>, readOne: (id: string) => string | undefined): Iterable<string | undefined> {
  return ids.length > BULK_REFRESH ? readAll() : ids.map(readOne);
}

/**
 * The participants as the screens see them, held in memory for search-as-you-type. Filled from the
 * derived `participants` table and refreshed per subject after every write, ours or another process's.
 */
export class ParticipantView {
  private readonly byId = new Map<string, ParticipantState>();
  private readonly byNib = new Map<string, string>();
  #index = new SearchIndex();
  private readonly stmt;

  constructor(db: Db) {
    this.stmt = {
      all: db.prepare('SELECT state FROM participants').pluck(),
      one: db.prepare('SELECT state FROM participants WHERE id = ?').pluck(),
    };
    this.load();
  }

  get index(): SearchIndex {
    return this.#index;
  }

  private load(): void {
    for (const state of this.stmt.all.iterate() as Iterable<string>) this.putOne(JSON.parse(state));
  }

  /** Everything read again into empty maps and a new index: nothing replaced lingers (after a purge). */
  reload(): void {
    this.byId.clear();
    this.byNib.clear();
    this.#index = new SearchIndex();
    this.load();
  }

  get(id: string): ParticipantState | undefined {
    return this.byId.get(id);
  }

  byNibValue(nib: string): ParticipantState | undefined {
    const id = this.byNib.get(nib);
    return id ? this.byId.get(id) : undefined;
  }

  all(): IterableIterator<ParticipantState> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }

  refresh(ids: readonly string[]): void {
    const states = changedStates(ids, () => this.stmt.all.iterate() as Iterable<string>, (id) => this.stmt.one.get(id) as string | undefined);
    for (const state of states) if (state) this.putOne(JSON.parse(state));
  }

  put(states: Iterable<ParticipantState>): void {
    for (const p of states) this.putOne(p);
  }

  private putOne(p: ParticipantState): void {
    const old = this.byId.get(p.id);
    if (old?.nib && old.nib !== p.nib && this.byNib.get(old.nib) === p.id) this.byNib.delete(old.nib);
    this.byId.set(p.id, p);
    if (p.nib) this.byNib.set(p.nib, p.id);
    const phone = p.phone ? `0${p.phone.slice(3)}` : null;
    this.#index.upsert({
      id: p.id,
      texts: [p.name, p.business],
      numbers: [p.nib, phone].filter((n): n is string => n !== null),
      sortKey: p.name,
    });
  }
}
