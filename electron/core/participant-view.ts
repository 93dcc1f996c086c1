import type { ParticipantState } from '../../shared/fold';
import { SearchIndex, type SearchDoc } from '../../shared/search';
import { buildOffThread } from './search-off-thread';
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

/** What the search index holds of a participant. */
export function searchDoc(p: ParticipantState): SearchDoc {
  return { id: p.id, texts: [p.name, p.business], nib: p.nib, phone: p.phone ? `0${p.phone.slice(3)}` : null, sortKey: p.name };
}

function* docsOf(states: Iterable<ParticipantState>): Generator<SearchDoc> {
  for (const p of states) yield searchDoc(p);
}

/**
 * The participants as the screens see them, held in memory for search-as-you-type. Filled from the
 * derived `participants` table and refreshed per subject after every write, ours or another process's.
 * The search index is made at the first search: a command that only counts (`loket status`) never
 * makes it, and a desk opens before it is asked anything. Its postings are built on a worker thread
 * while the first searches read every name (tens of milliseconds at 100k participants), and built
 * there again once thousands of participants were added since (an import recording its rows).
 */
export class ParticipantView {
  private readonly byId = new Map<string, ParticipantState>();
  private readonly byNib = new Map<string, string>();
  private searchIndex: SearchIndex | null = null;
  private stopBuilding = () => {};
  private readonly stmt;

  constructor(db: Db) {
    this.stmt = {
      all: db.prepare('SELECT state FROM participants').pluck(),
      one: db.prepare('SELECT state FROM participants WHERE id = ?').pluck(),
    };
    this.load();
  }

  /** Into empty maps: none of putOne's care for a changed NIB or the search index is needed yet. */
  private load(): void {
    for (const state of this.stmt.all.iterate() as Iterable<string>) {
      const p = JSON.parse(state) as ParticipantState;
      this.byId.set(p.id, p);
      if (p.nib) this.byNib.set(p.nib, p.id);
    }
  }

  /** Everything read again into empty maps and no index: nothing replaced lingers (after a purge). */
  reload(): void {
    this.byId.clear();
    this.byNib.clear();
    this.forgetIndex();
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

  get index(): SearchIndex {
    if (!this.searchIndex) {
      const offThread = (index: SearchIndex) => {
        this.stopBuilding = buildOffThread(index);
      };
      this.searchIndex = new SearchIndex(docsOf(this.byId.values()), { build: false, rebuild: offThread });
      offThread(this.searchIndex);
    }
    return this.searchIndex;
  }

  /** Drop the index, and the worker building it if there is one. */
  private forgetIndex(): void {
    this.stopBuilding();
    this.searchIndex = null;
  }

  close(): void {
    this.forgetIndex();
  }

  refresh(ids: readonly string[]): void {
    this.forgetIndexIfMany(ids.length);
    const states = changedStates(ids, () => this.stmt.all.iterate() as Iterable<string>, (id) => this.stmt.one.get(id) as string | undefined);
    for (const state of states) if (state) this.putOne(JSON.parse(state));
  }

  put(states: readonly ParticipantState[]): void {
    this.forgetIndexIfMany(states.length);
    for (const p of states) this.putOne(p);
  }

  /**
   * Updating the index costs about what building it does, per participant: only after a catch-up or
   * an import changed most of them is building it anew at the next search cheaper. An import's
   * transactions of a few thousand rows into a large desk are taken in as they come, and the
   * postings rebuilt on the worker (the index's `rebuild`).
   */
  private forgetIndexIfMany(changed: number): void {
    if (changed > BULK_REFRESH && changed > this.byId.size / 2) this.forgetIndex();
  }

  private putOne(p: ParticipantState): void {
    const old = this.byId.get(p.id);
    if (old?.nib && old.nib !== p.nib && this.byNib.get(old.nib) === p.id) this.byNib.delete(old.nib);
    this.byId.set(p.id, p);
    if (p.nib) this.byNib.set(p.nib, p.id);
    this.searchIndex?.upsert(searchDoc(p));
  }
}
