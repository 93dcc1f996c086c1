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
  /** Whole words of the names → slots, for the common case: the operator types words from their start. */
  private readonly words = new Map<string, number[]>();
  private sortedWords: string[] | null = null;
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
        slot.sortKey = foldText(doc.sortKey);
        return;
      }
      slot.alive = false;
    }
    const index = this.slots.length;
    this.slots.push({ id: doc.id, text, sortKey: foldText(doc.sortKey), numbers: doc.numbers, alive: true });
    this.slotOf.set(doc.id, index);
    for (const word of doc.texts.flatMap((t) => foldText(t).split(' '))) {
      if (!word) continue;
      const list = this.words.get(word);
      if (!list) {
        this.words.set(word, [index]);
        this.sortedWords = null;
      } else if (list[list.length - 1] !== index) list.push(index);
    }
    for (let i = 0; i + 3 <= text.length; i++) {
      const gram = text.slice(i, i + 3);
      const list = this.postings.get(gram);
      // Slots are appended in order, so a repeat of a trigram within this text is the list's last entry.
      if (!list) this.postings.set(gram, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
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
    let top = new TopK(limit, this.slots);
    if (q.length < 3) this.prefixScan(q, top);
    else if (/^\d+$/.test(q) || this.wordScan(q, top) < limit) {
      // Too few whole-word hits: look wider, for pieces of words and small typos.
      top = new TopK(limit, this.slots);
      this.trigramScan(q, top);
    }
    return top.hits.map((h) => ({ id: this.slots[h.slot]!.id, score: h.score }));
  }

  /** One or two characters: only whole-word prefixes, which is what an operator means by "s". */
  private prefixScan(q: string, top: TopK): void {
    const needle = ` ${q}`;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      if (slot.alive && slot.text.includes(needle)) top.offer(i, 1);
    }
  }

  /**
   * Participants having every typed word, the last one as a prefix ("hj rusd"), in any order.
   * Cheap even for the commonest names, so most keystrokes never reach the trigram scan.
   */
  private wordScan(q: string, top: TopK): number {
    const tokens = q.split(' ');
    const stage = this.stage();
    let reached: number[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const lists = k < tokens.length - 1 ? [this.words.get(tokens[k]!) ?? []] : this.prefixLists(tokens[k]!);
      const next: number[] = [];
      for (const list of lists) {
        for (const slot of list) {
          if (stage[slot] !== k) continue;
          stage[slot] = k + 1;
          next.push(slot);
        }
      }
      for (const slot of reached) if (stage[slot] === k) stage[slot] = 0;
      reached = next;
      if (reached.length === 0) break;
    }
    let hits = 0;
    const phrase = ` ${q}`;
    for (const slot of reached) {
      stage[slot] = 0;
      const s = this.slots[slot]!;
      if (!s.alive) continue;
      hits++;
      top.offer(slot, s.text.includes(phrase) ? 2.5 : 2);
    }
    return hits;
  }

  /** One counter per slot, all zero between calls. */
  private stage(): Uint16Array {
    if (this.counts.length < this.slots.length) this.counts = new Uint16Array(this.slots.length * 2);
    return this.counts;
  }

  private prefixLists(prefix: string): number[][] {
    const sorted = (this.sortedWords ??= [...this.words.keys()].sort());
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const lists: number[][] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) lists.push(this.words.get(sorted[i]!)!);
    return lists;
  }

  /**
   * A hit either contains the query (so it holds all of the query's own trigrams) or shares
   * MIN_SHARE of the query's trigrams padded with word boundaries (small typos). Either way it sits
   * in at least one of the n - need + 1 shortest posting lists: count those, then check the long
   * lists (tens of thousands of entries for common syllables) by binary search for the few left.
   */
  private trigramScan(q: string, top: TopK): void {
    const isNumber = /^\d+$/.test(q);
    const own = trigrams(q);
    // Digits are identifiers: a near-miss NIB is another business, so only exact pieces count.
    const padded = isNumber ? own : trigrams(` ${q} `);
    const need = isNumber ? own.size : Math.min(own.size, Math.ceil(MIN_SHARE * padded.size));
    const lists = [...padded].map((gram) => this.postings.get(gram) ?? []).sort((a, b) => a.length - b.length);
    const seeds = lists.length - need + 1;
    const counts = this.stage();
    const touched: number[] = [];
    for (let l = 0; l < seeds; l++) {
      for (const slot of lists[l]!) {
        if (counts[slot] === 0) touched.push(slot);
        counts[slot]!++;
      }
    }
    const wordStart = ` ${q}`;
    for (const i of touched) {
      let found = counts[i]!;
      counts[i] = 0;
      for (let l = seeds; l < lists.length && found + (lists.length - l) >= need; l++) {
        if (contains(lists[l]!, i)) found++;
      }
      const slot = this.slots[i]!;
      if (found < need || !slot.alive) continue;
      const substring = slot.text.includes(q);
      const share = found / lists.length;
      if (!substring && (isNumber || share < MIN_SHARE)) continue;
      let score = share;
      if (substring) score += 1;
      if (substring && slot.text.includes(wordStart)) score += 0.5;
      if (isNumber && slot.numbers.includes(q)) score += 5;
      top.offer(i, score);
    }
  }
}

/** Posting lists hold slot numbers in ascending order (slots are only ever appended). */
function contains(list: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = list[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The best `limit` hits by score, then by name, without sorting every candidate. */
class TopK {
  readonly hits: { slot: number; score: number }[] = [];

  constructor(
    private readonly limit: number,
    private readonly slots: readonly Slot[],
  ) {}

  private before(a: { slot: number; score: number }, b: { slot: number; score: number }): boolean {
    if (a.score !== b.score) return a.score > b.score;
    const ka = this.slots[a.slot]!.sortKey;
    const kb = this.slots[b.slot]!.sortKey;
    return ka !== kb ? ka < kb : a.slot < b.slot;
  }

  offer(slot: number, score: number): void {
    const hit = { slot, score };
    const hits = this.hits;
    if (hits.length === this.limit && !this.before(hit, hits[hits.length - 1]!)) return;
    let at = hits.length;
    while (at > 0 && this.before(hit, hits[at - 1]!)) at--;
    hits.splice(at, 0, hit);
    if (hits.length > this.limit) hits.pop();
  }
}
