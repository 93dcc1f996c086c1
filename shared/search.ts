import { foldText } from './domain/text';

/**
 * In-memory search as you type over names, business names, NIB and phone numbers.
 * Trigram counting makes it tolerant of small typos and of word order, ranked so that an exact
 * NIB, then a whole-word prefix, then a substring beat a fuzzy match. Kept in memory because the
 * desk answers every keystroke: at 100k participants a query stays in single milliseconds.
 *
 * The trigram postings are built in one pass into typed arrays (a trigram of the folded alphabet is
 * a number below 38³, so a posting list is a slice of one Uint32Array); slots added later go to
 * small per-trigram lists until there are enough of them to rebuild. At 100k participants that is
 * a fraction of the time and memory of a Map of JavaScript arrays keyed by trigram strings.
 */

export interface SearchDoc {
  id: string;
  /** Free text: owner name, business name. */
  texts: string[];
  /** The NIB: typed whole, it finds its owner first. */
  nib: string | null;
  /** The phone number in local 08… form. */
  phone: string | null;
  /** Tie-breaker for equal scores (usually the owner name). */
  sortKey: string;
}

export interface SearchHit {
  id: string;
  score: number;
}

/** A fuzzy match needs this share of the query's trigrams. */
const MIN_SHARE = 0.6;

/** Folded text holds a–z, 0–9 and spaces; the index text adds '|' between fields. Anything else reads as a space. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789 |';
const RADIX = ALPHABET.length;
const PAIRS = RADIX ** 2;
const GRAMS = RADIX ** 3;
const SYMBOL = new Uint8Array(65_536).fill(ALPHABET.indexOf(' '));
for (let i = 0; i < RADIX; i++) SYMBOL[ALPHABET.charCodeAt(i)] = i;

/** Slots added since the last build, above which the next search rebuilds the typed postings. */
const REBUILD_AFTER = 4_096;

/** The trigrams of a text, in order, as numbers below GRAMS (a repeat is passed again). */
function eachGram(text: string, visit: (gram: number) => void): void {
  let gram = (SYMBOL[text.charCodeAt(0)]! * RADIX + SYMBOL[text.charCodeAt(1)]!) % PAIRS;
  for (let i = 2; i < text.length; i++) {
    gram = (gram % PAIRS) * RADIX + SYMBOL[text.charCodeAt(i)]!;
    visit(gram);
  }
}

function grams(text: string): Set<number> {
  const out = new Set<number>();
  eachGram(text, (gram) => out.add(gram));
  return out;
}

/**
 * How a digit string may have been meant: as typed (an NIB, a phone in 08… form, a piece of either)
 * and, when it starts with 62, also as a phone in international form ("62812…" is "0812…").
 */
export function digitReadings(digits: string): string[] {
  return digits.startsWith('62') && digits.length > 4 ? [digits, `0${digits.slice(2)}`] : [digits];
}

/** The query folded like the index; digits typed in groups ("6216 9551 58389") become one number. */
export function foldQuery(query: string): string {
  const folded = foldText(query);
  const digits = folded.replace(/ /g, '');
  return /^\d+$/.test(digits) ? digits : folded;
}

/** A posting list: the slots built into the typed arrays, then the (higher) slots added since. */
interface Postings {
  base: Uint32Array;
  added: readonly number[];
}

const NONE: readonly number[] = [];

export class SearchIndex {
  private ids: string[] = [];
  private texts: string[] = [];
  private sortKeys: string[] = [];
  private nibs: (string | null)[] = [];
  private phones: (string | null)[] = [];
  private alive = new Uint8Array(0);
  private slotOf = new Map<string, number>();
  /** Slots below this are in the typed postings; the rest are in `added`. */
  private built = 0;
  private starts = new Uint32Array(GRAMS + 1);
  private postings = new Uint32Array(0);
  private added = new Map<number, number[]>();
  /** Whole words of the names → slots, for the common case: the operator types words from their start. */
  private words = new Map<string, number[]>();
  private sortedWords: string[] | null = null;
  private counts = new Uint16Array(1024);

  /** Built in one pass from `docs`: much faster than upserting them one by one. */
  constructor(docs: Iterable<SearchDoc> = []) {
    for (const doc of docs) this.append(doc);
    this.rebuild();
  }

  get size(): number {
    return this.slotOf.size;
  }

  upsert(doc: SearchDoc): void {
    const slot = this.append(doc);
    if (slot === null) return;
    eachGram(this.texts[slot]!, (gram) => {
      const list = this.added.get(gram);
      // Slots are appended in order, so a repeat of a trigram within this text is the list's last entry.
      if (!list) this.added.set(gram, [slot]);
      else if (list[list.length - 1] !== slot) list.push(slot);
    });
  }

  /** Take the document into a new slot (the old one, if any, dies); null when its text is unchanged. */
  private append(doc: SearchDoc): number | null {
    const names = doc.texts.map(foldText);
    let text = ` ${names.join(' | ')}`;
    if (doc.nib !== null) text += ` | ${doc.nib}`;
    if (doc.phone !== null) text += ` | ${doc.phone}`;
    text += ' ';
    const sortKey = doc.sortKey === doc.texts[0] ? names[0]! : foldText(doc.sortKey);
    const at = this.slotOf.get(doc.id);
    if (at !== undefined) {
      if (this.texts[at] === text) {
        this.sortKeys[at] = sortKey;
        return null;
      }
      this.alive[at] = 0;
    }
    const slot = this.ids.length;
    this.ids.push(doc.id);
    this.texts.push(text);
    this.sortKeys.push(sortKey);
    this.nibs.push(doc.nib);
    this.phones.push(doc.phone);
    if (this.alive.length <= slot) {
      const grown = new Uint8Array(Math.max(1024, this.alive.length * 2));
      grown.set(this.alive);
      this.alive = grown;
    }
    this.alive[slot] = 1;
    this.slotOf.set(doc.id, slot);
    for (const name of names) {
      for (const word of name.split(' ')) {
        if (!word) continue;
        const list = this.words.get(word);
        if (!list) {
          this.words.set(word, [slot]);
          this.sortedWords = null;
        } else if (list[list.length - 1] !== slot) list.push(slot);
      }
    }
    return slot;
  }

  remove(id: string): void {
    const at = this.slotOf.get(id);
    if (at === undefined) return;
    this.alive[at] = 0;
    this.slotOf.delete(id);
  }

  search(query: string, limit = 20): SearchHit[] {
    if (this.ids.length - this.built > REBUILD_AFTER) this.rebuild();
    const q = foldQuery(query);
    if (!q) return [];
    let top = new TopK(limit, this.sortKeys);
    if (q.length < 3) this.prefixScan(q, top);
    else if (/^\d+$/.test(q)) {
      const readings = digitReadings(q);
      top = new TopK(limit, this.sortKeys, readings.length > 1);
      for (const reading of readings) this.trigramScan(reading, q, top);
    }
    else if (this.wordScan(q, top) < limit) {
      // Too few whole-word hits: look wider, for pieces of words and small typos.
      top = new TopK(limit, this.sortKeys);
      this.trigramScan(q, q, top);
    }
    return top.hits.map((h) => ({ id: this.ids[h.slot]!, score: h.score }));
  }

  /**
   * Move every live slot into freshly built typed postings, in two passes over the texts (count,
   * then fill), renumbering the slots so that dead ones (edited or removed participants) go.
   */
  private rebuild(): void {
    const count = this.ids.length;
    const renumbered = new Int32Array(count).fill(-1);
    let live = 0;
    for (let s = 0; s < count; s++) if (this.alive[s]) renumbered[s] = live++;
    if (live < count) this.dropDead(renumbered, live);

    const starts = new Uint32Array(GRAMS + 1);
    const seen = new Int32Array(GRAMS).fill(-1);
    const texts = this.texts;
    // Pass 1 counts each trigram once per slot, pass 2 fills: slots in order, so every list ascends.
    for (let slot = 0; slot < live; slot++) {
      eachGram(texts[slot]!, (gram) => {
        if (seen[gram] === slot) return;
        seen[gram] = slot;
        starts[gram + 1]!++;
      });
    }
    for (let g = 0; g < GRAMS; g++) starts[g + 1]! += starts[g]!;
    const postings = new Uint32Array(starts[GRAMS]!);
    const fill = starts.slice(0, GRAMS);
    seen.fill(-1);
    for (let slot = 0; slot < live; slot++) {
      eachGram(texts[slot]!, (gram) => {
        if (seen[gram] === slot) return;
        seen[gram] = slot;
        postings[fill[gram]!++] = slot;
      });
    }
    this.starts = starts;
    this.postings = postings;
    this.added = new Map();
    this.built = live;
  }

  /** Renumber the live slots 0…live-1 in their order, forgetting the dead (edited or removed participants). */
  private dropDead(renumbered: Int32Array, live: number): void {
    const keep = <T>(values: T[]) => values.filter((_, s) => renumbered[s]! >= 0);
    this.ids = keep(this.ids);
    this.texts = keep(this.texts);
    this.sortKeys = keep(this.sortKeys);
    this.nibs = keep(this.nibs);
    this.phones = keep(this.phones);
    this.alive = new Uint8Array(Math.max(1024, live * 2)).fill(1, 0, live);
    this.slotOf = new Map(this.ids.map((id, slot) => [id, slot]));
    const words = new Map<string, number[]>();
    for (const [word, slots] of this.words) {
      const kept = slots.map((slot) => renumbered[slot]!).filter((slot) => slot >= 0);
      if (kept.length > 0) words.set(word, kept);
    }
    this.words = words;
    this.sortedWords = null;
  }

  private postingsOf(gram: number): Postings {
    const base = this.postings.subarray(this.starts[gram]!, this.starts[gram + 1]!);
    return { base, added: this.added.get(gram) ?? NONE };
  }

  /** One or two characters: only whole-word prefixes, which is what an operator means by "s". */
  private prefixScan(q: string, top: TopK): void {
    const needle = ` ${q}`;
    for (let i = 0; i < this.texts.length; i++) {
      if (this.alive[i] && this.texts[i]!.includes(needle)) top.offer(i, 1);
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
      if (!this.alive[slot]) continue;
      hits++;
      top.offer(slot, this.texts[slot]!.includes(phrase) ? 2.5 : 2);
    }
    return hits;
  }

  /** One counter per slot, all zero between calls. */
  private stage(): Uint16Array {
    if (this.counts.length < this.ids.length) this.counts = new Uint16Array(this.ids.length * 2);
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
   * `typed` is the query as typed, for digits read another way (a phone in 62… form).
   */
  private trigramScan(q: string, typed: string, top: TopK): void {
    const isNumber = /^\d+$/.test(q);
    const own = grams(q);
    // Digits are identifiers: a near-miss NIB is another business, so only exact pieces count.
    const padded = isNumber ? own : grams(` ${q} `);
    const need = isNumber ? own.size : Math.min(own.size, Math.ceil(MIN_SHARE * padded.size));
    const lists = [...padded].map((gram) => this.postingsOf(gram)).sort((a, b) => a.base.length + a.added.length - (b.base.length + b.added.length));
    const seeds = lists.length - need + 1;
    const counts = this.stage();
    const touched: number[] = [];
    for (let l = 0; l < seeds; l++) {
      for (const part of [lists[l]!.base, lists[l]!.added]) {
        for (let k = 0; k < part.length; k++) {
          const slot = part[k]!;
          if (counts[slot] === 0) touched.push(slot);
          counts[slot]!++;
        }
      }
    }
    const wordStart = ` ${q}`;
    for (const i of touched) {
      let found = counts[i]!;
      counts[i] = 0;
      for (let l = seeds; l < lists.length && found + (lists.length - l) >= need; l++) {
        if (this.holds(lists[l]!, i)) found++;
      }
      if (found < need || !this.alive[i]) continue;
      const text = this.texts[i]!;
      const substring = text.includes(q);
      const share = found / lists.length;
      if (!substring && (isNumber || share < MIN_SHARE)) continue;
      let score = share;
      if (substring) score += 1;
      if (substring && text.includes(wordStart)) score += 0.5;
      // The NIB exactly as typed beats everything, a whole phone (in either form) or NIB comes next.
      if (isNumber) score += this.nibs[i] === typed ? 6 : this.nibs[i] === q || this.phones[i] === q ? 5 : 0;
      top.offer(i, score);
    }
  }

  /** Posting lists hold slot numbers in ascending order, the added ones above every built one. */
  private holds(list: Postings, slot: number): boolean {
    return slot < this.built ? contains(list.base, slot) : contains(list.added, slot);
  }
}

function contains(list: ArrayLike<number>, value: number): boolean {
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
    private readonly sortKeys: readonly string[],
    /** Offered more than once (digits read two ways): a slot keeps its best score. */
    private readonly mayRepeat = false,
  ) {}

  private before(a: { slot: number; score: number }, b: { slot: number; score: number }): boolean {
    if (a.score !== b.score) return a.score > b.score;
    const ka = this.sortKeys[a.slot]!;
    const kb = this.sortKeys[b.slot]!;
    return ka !== kb ? ka < kb : a.slot < b.slot;
  }

  offer(slot: number, score: number): void {
    const hit = { slot, score };
    const hits = this.hits;
    if (hits.length === this.limit && !this.before(hit, hits[hits.length - 1]!)) return;
    const earlier = this.mayRepeat ? hits.findIndex((h) => h.slot === slot) : -1;
    if (earlier >= 0) {
      if (hits[earlier]!.score >= score) return;
      hits.splice(earlier, 1);
    }
    let at = hits.length;
    while (at > 0 && this.before(hit, hits[at - 1]!)) at--;
    hits.splice(at, 0, hit);
    if (hits.length > this.limit) hits.pop();
  }
}
