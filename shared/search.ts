import { foldText } from './domain/text';

/**
 * In-memory search as you type over names, business names, NIB and phone numbers.
 * Trigram counting makes it tolerant of small typos and of word order, ranked so that an exact
 * NIB, then a whole-word prefix, then a substring beat a fuzzy match. Kept in memory because the
 * desk answers every keystroke: at 100k participants a query stays in single milliseconds.
 */

export interface SearchDoc {
  id: string;
  /** Free text: owner name, business name. */
  texts: string[];
  /** Digit strings: NIB, phone in local 08… form. */
  numbers: string[];
  /** Tie-breaker for equal scores (usually the owner name). */
  sortKey: string;
}

export interface SearchHit {
  id: string;
  score: number;
}

interface Slot {
  id: string;
  text: string;
  sortKey: string;
  numbers: string[];
  alive: boolean;
}

/** A fuzzy match needs this share of the query's trigrams. */
const MIN_SHARE = 0.6;

function trigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) out.add(text.slice(i, i + 3));
  return out;
}

/** "+62 812-…", "62812…" and "0812…" all search as "0812…". */
export function foldQuery(query: string): string {
  const folded = foldText(query);
  const digits = folded.replace(/ /g, '');
  if (/^\d+$/.test(digits)) return digits.startsWith('62') && digits.length > 4 ? `0${digits.slice(2)}` : digits;
  return folded;
}

export class SearchIndex {
  private readonly slots: Slot[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly postings = new Map<string, number[]>();
  private counts = new Uint16Array(1024);

  get size(): number {
    return this.slotOf.size;
  }

  upsert(doc: SearchDoc): void {
    const text = ` ${[...doc.texts.map(foldText), ...doc.numbers].join(' | ')} `;
    const at = this.slotOf.get(doc.id);
    if (at !== undefined) {
      const slot = this.slots[at]!;
      if (slot.text === text) {
        slot.sortKey = doc.sortKey;
        return;
      }
      slot.alive = false;
    }
    const index = this.slots.length;
    this.slots.push({ id: doc.id, text, sortKey: doc.sortKey, numbers: doc.numbers, alive: true });
    this.slotOf.set(doc.id, index);
    for (const gram of trigrams(text)) {
      const list = this.postings.get(gram);
      if (list) list.push(index);
      else this.postings.set(gram, [index]);
    }
  }

  remove(id: string): void {
    const at = this.slotOf.get(id);
    if (at === undefined) return;
    this.slots[at]!.alive = false;
    this.slotOf.delete(id);
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = foldQuery(query);
    if (!q) return [];
    const hits = q.length < 3 ? this.prefixScan(q) : this.trigramScan(q);
    hits.sort((a, b) => b.score - a.score || this.slots[a.slot]!.sortKey.localeCompare(this.slots[b.slot]!.sortKey));
    return hits.slice(0, limit).map((h) => ({ id: this.slots[h.slot]!.id, score: h.score }));
  }

  /** One or two characters: only whole-word prefixes, which is what an operator means by "s". */
  private prefixScan(q: string): { slot: number; score: number }[] {
    const needle = ` ${q}`;
    const hits: { slot: number; score: number }[] = [];
    this.slots.forEach((slot, i) => {
      if (slot.alive && slot.text.includes(needle)) hits.push({ slot: i, score: 1 });
    });
    return hits;
  }

  private trigramScan(q: string): { slot: number; score: number }[] {
    // A leading space rewards word starts; no trailing one, since the last word is still being typed.
    const grams = [...trigrams(` ${q}`)];
    if (this.counts.length < this.slots.length) this.counts = new Uint16Array(this.slots.length * 2);
    const counts = this.counts;
    const touched: number[] = [];
    for (const gram of grams) {
      for (const slot of this.postings.get(gram) ?? []) {
        if (counts[slot] === 0) touched.push(slot);
        counts[slot]!++;
      }
    }
    const hits: { slot: number; score: number }[] = [];
    const isNumber = /^\d+$/.test(q);
    for (const i of touched) {
      const share = counts[i]! / grams.length;
      counts[i] = 0;
      const slot = this.slots[i]!;
      if (!slot.alive) continue;
      const substring = slot.text.includes(q);
      // Digits are identifiers: a near-miss NIB is a different business, so only exact substrings count.
      if (isNumber ? !substring : share < MIN_SHARE) continue;
      let score = share;
      if (substring) score += 1;
      if (slot.text.includes(` ${q}`)) score += 0.5;
      if (isNumber && slot.numbers.includes(q)) score += 5;
      hits.push({ slot: i, score });
    }
    return hits;
  }
}
