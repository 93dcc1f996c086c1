import { foldText } from './domain/text';

/**
 * In-memory search as you type over names, business names, NIB and phone numbers.
 * Trigram counting makes it tolerant of small typos and of word order, ranked so that an exact
 * NIB, then a whole-word prefix, then a substring beat a fuzzy match. Kept in memory because the
 * desk answers every keystroke: at 100k participants a query stays in single milliseconds.
 *
 * The trigram postings are built in one pass into typed arrays (a trigram of the folded alphabet is
 * a number below 38³, so a posting list is a slice of one Uint32Array), and so are the slots of
 * each word of the names; slots added later go to small lists until there are enough of them to
 * rebuild. At 100k participants that is a fraction of the time and memory of Maps of JavaScript
 * arrays, and arrays a worker thread can build and hand over without copying. Until they arrive,
 * a search reads every text (tens of milliseconds at 100k) and finds what the built index finds.
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

/** Slots added since the last build, above which the next search has the typed postings rebuilt. */
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

/** The typed postings and word lists of slots 0…count-1, as a build hands them over (a worker transfers the arrays). */
export interface BuiltIndex {
  count: number;
  /** The slots holding trigram g are postings[starts[g]] … postings[starts[g + 1] - 1], ascending. */
  starts: Uint32Array<ArrayBuffer>;
  postings: Uint32Array<ArrayBuffer>;
  /** The distinct words of the names, sorted and joined by spaces; the i-th one's slots are wordSlots[wordStarts[i]] … wordSlots[wordStarts[i + 1] - 1]. */
  words: string;
  wordStarts: Uint32Array<ArrayBuffer>;
  wordSlots: Uint32Array<ArrayBuffer>;
}

/** What a build reads: every slot's text and how far into it the names run (their words are looked up whole). */
export interface BuildInput {
  texts: readonly string[];
  namesEnd: ArrayLike<number>;
}

/** The words of a text's names: folded names hold only letters, digits and single spaces, and '|' parts them. */
function wordsOf(text: string, namesEnd: number): string[] {
  return text.slice(0, namesEnd).split(' ').filter((word) => word !== '' && word !== '|');
}

/**
 * The postings of every slot, in two passes over the texts (count, then fill: slots in order, so
 * every list ascends), and the slots of every word. Pure, so that a worker thread can run it.
 */
export function buildIndex({ texts, namesEnd }: BuildInput): BuiltIndex {
  const count = texts.length;
  const starts = new Uint32Array(GRAMS + 1);
  const seen = new Int32Array(GRAMS).fill(-1);
  for (let slot = 0; slot < count; slot++) {
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
  for (let slot = 0; slot < count; slot++) {
    eachGram(texts[slot]!, (gram) => {
      if (seen[gram] === slot) return;
      seen[gram] = slot;
      postings[fill[gram]!++] = slot;
    });
  }

  const slotsOf = new Map<string, number[]>();
  let entries = 0;
  for (let slot = 0; slot < count; slot++) {
    for (const word of wordsOf(texts[slot]!, namesEnd[slot]!)) {
      const list = slotsOf.get(word);
      if (!list) slotsOf.set(word, [slot]);
      else if (list[list.length - 1] !== slot) list.push(slot);
      else continue;
      entries++;
    }
  }
  const words = [...slotsOf.keys()].sort();
  const wordStarts = new Uint32Array(words.length + 1);
  const wordSlots = new Uint32Array(entries);
  words.forEach((word, i) => {
    const list = slotsOf.get(word)!;
    wordSlots.set(list, wordStarts[i]!);
    wordStarts[i + 1] = wordStarts[i]! + list.length;
  });
  return { count, starts, postings, words: words.join(' '), wordStarts, wordSlots };
}

/** The built part as searched: its words split again. */
type Built = Omit<BuiltIndex, 'words'> & { words: string[] };

/** A posting list: the slots built into the typed arrays, then the (higher) slots added since. */
interface Postings {
  base: Uint32Array;
  added: readonly number[];
}

const NONE: readonly number[] = [];

/** The needle occurs in `text` and its first occurrence ends by `end`. */
function foundBefore(text: string, needle: string, end: number): boolean {
  const at = text.indexOf(needle);
  return at >= 0 && at + needle.length <= end;
}

/** Index of the first of the sorted words not below `word`. */
function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class SearchIndex {
  private ids: string[] = [];
  private texts: string[] = [];
  /** Where each text's names end: words are looked up in them only, not in the NIB or phone. */
  private namesEnd: number[] = [];
  private sortKeys: string[] = [];
  private nibs: (string | null)[] = [];
  private phones: (string | null)[] = [];
  private alive = new Uint8Array(0);
  private slotOf = new Map<string, number>();
  /** The typed postings and words of the slots below its count; null until built, and searches read every text meanwhile. */
  private built: Built | null = null;
  /** The slots added since the build, per trigram and per whole word of the names. */
  private addedGrams = new Map<number, number[]>();
  private addedWords = new Map<string, number[]>();
  private sortedAddedWords: string[] | null = null;
  private counts = new Uint16Array(1024);
  /** Per trigram, its place in the query being read text by text, plus one; zero between searches. */
  private gramMark: Uint16Array | null = null;
  /** Who builds the postings anew once too many slots were added: this thread, unless told otherwise. */
  private readonly rebuild: (index: SearchIndex) => void;
  /** Sent to be built elsewhere (`buildInput`) and not yet installed: no second rebuild is asked for meanwhile. */
  private awaitingBuild = false;

  /**
   * Built at once from `docs` (much faster than upserting them one by one), or with `build: false`
   * left for `install` to bring the arrays a worker built from `buildInput()`: searches until then
   * read every text, and answer exactly as the built index does. `rebuild` is called when a search
   * finds too many slots added since the build (an import recording its rows); the slots added
   * meanwhile are searched from small lists beside the postings, so it may hand the work on.
   */
  constructor(docs: Iterable<SearchDoc> = [], { build = true, rebuild = (index: SearchIndex) => index.build() }: { build?: boolean; rebuild?: (index: SearchIndex) => void } = {}) {
    this.rebuild = rebuild;
    for (const doc of docs) this.append(doc);
    if (build) this.build();
  }

  get size(): number {
    return this.slotOf.size;
  }

  /** Whether the typed postings are in place (and searches no longer read every text). */
  get ready(): boolean {
    return this.built !== null;
  }

  upsert(doc: SearchDoc): void {
    const slot = this.append(doc);
    if (slot !== null && this.built) this.indexAdded(slot);
  }

  /** Take the document into a new slot (the old one, if any, dies); null when its text is unchanged. */
  private append(doc: SearchDoc): number | null {
    const names = doc.texts.map(foldText);
    const fields = [names.join(' | ')];
    const namesEnd = 1 + fields[0]!.length;
    if (doc.nib !== null) fields.push(doc.nib);
    if (doc.phone !== null) fields.push(doc.phone);
    // Joined, not concatenated: one flat string, where `+` leaves a rope of pieces that every
    // search would first have to flatten (and the collector to move piece by piece).
    const text = ['', fields.join(' | '), ''].join(' ');
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
    this.namesEnd.push(namesEnd);
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
    return slot;
  }

  /** A slot above the built ones, into the small lists searched beside the typed ones. */
  private indexAdded(slot: number): void {
    const text = this.texts[slot]!;
    eachGram(text, (gram) => {
      const list = this.addedGrams.get(gram);
      // Slots are appended in order, so a repeat of a trigram within this text is the list's last entry.
      if (!list) this.addedGrams.set(gram, [slot]);
      else if (list[list.length - 1] !== slot) list.push(slot);
    });
    for (const word of wordsOf(text, this.namesEnd[slot]!)) {
      const list = this.addedWords.get(word);
      if (!list) {
        this.addedWords.set(word, [slot]);
        this.sortedAddedWords = null;
      } else if (list[list.length - 1] !== slot) list.push(slot);
    }
  }

  remove(id: string): void {
    const at = this.slotOf.get(id);
    if (at === undefined) return;
    this.alive[at] = 0;
    this.slotOf.delete(id);
  }

  /** What a worker builds from: the texts as one string (they hold no line breaks) and where their names end. */
  buildInput(): { texts: string; namesEnd: Uint32Array<ArrayBuffer> } {
    this.awaitingBuild = true;
    return { texts: this.texts.join('\n'), namesEnd: Uint32Array.from(this.namesEnd) };
  }

  /** Take the arrays built from `buildInput()`; slots appended since join the added lists. */
  install(built: BuiltIndex): void {
    this.awaitingBuild = false;
    this.built = { ...built, words: built.words === '' ? [] : built.words.split(' ') };
    this.addedGrams = new Map();
    this.addedWords = new Map();
    this.sortedAddedWords = null;
    for (let slot = built.count; slot < this.ids.length; slot++) this.indexAdded(slot);
  }

  /** Build here and now, the dead slots (edited or removed participants) dropped first. */
  build(): void {
    this.dropDead();
    this.install(buildIndex({ texts: this.texts, namesEnd: this.namesEnd }));
  }

  search(query: string, limit = 20): SearchHit[] {
    if (this.built && !this.awaitingBuild && this.ids.length - this.built.count > REBUILD_AFTER) this.rebuild(this);
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

  /** Renumber the live slots 0…live-1 in their order, forgetting the dead ones. */
  private dropDead(): void {
    const live = this.slotOf.size;
    if (live === this.ids.length) return;
    const keep = <T>(values: T[]) => values.filter((_, s) => this.alive[s] === 1);
    this.ids = keep(this.ids);
    this.texts = keep(this.texts);
    this.namesEnd = keep(this.namesEnd);
    this.sortKeys = keep(this.sortKeys);
    this.nibs = keep(this.nibs);
    this.phones = keep(this.phones);
    this.alive = new Uint8Array(Math.max(1024, live * 2)).fill(1, 0, live);
    this.slotOf = new Map(this.ids.map((id, slot) => [id, slot]));
  }

  private postingsOf(built: Built, gram: number): Postings {
    const base = built.postings.subarray(built.starts[gram]!, built.starts[gram + 1]!);
    return { base, added: this.addedGrams.get(gram) ?? NONE };
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
    const phrase = ` ${q}`;
    let hits = 0;
    for (const slot of this.built ? this.slotsWithWords(this.built, tokens) : this.readForWords(tokens)) {
      if (!this.alive[slot]) continue;
      hits++;
      top.offer(slot, this.texts[slot]!.includes(phrase) ? 2.5 : 2);
    }
    return hits;
  }

  /** The slots whose names have every token as a word, the last as a word's start, from the word lists. */
  private slotsWithWords(built: Built, tokens: readonly string[]): number[] {
    const stage = this.stage();
    let reached: number[] = [];
    for (let k = 0; k < tokens.length; k++) {
      const lists = k < tokens.length - 1 ? this.wordLists(built, tokens[k]!, false) : this.wordLists(built, tokens[k]!, true);
      const next: number[] = [];
      for (const list of lists) {
        for (let i = 0; i < list.length; i++) {
          const slot = list[i]!;
          if (stage[slot] !== k) continue;
          stage[slot] = k + 1;
          next.push(slot);
        }
      }
      for (const slot of reached) if (stage[slot] === k) stage[slot] = 0;
      reached = next;
      if (reached.length === 0) break;
    }
    for (const slot of reached) stage[slot] = 0;
    return reached;
  }

  /** The same slots as `slotsWithWords`, read from every text: a word has a space before it and, whole, one after it. */
  private readForWords(tokens: readonly string[]): number[] {
    const whole = tokens.slice(0, -1).map((token) => ` ${token} `);
    const start = ` ${tokens[tokens.length - 1]!}`;
    const reached: number[] = [];
    for (let slot = 0; slot < this.texts.length; slot++) {
      if (!this.alive[slot]) continue;
      const text = this.texts[slot]!;
      const end = this.namesEnd[slot]!;
      if (foundBefore(text, start, end) && whole.every((word) => foundBefore(text, word, end + 1))) reached.push(slot);
    }
    return reached;
  }

  /** One counter per slot, all zero between calls. */
  private stage(): Uint16Array {
    if (this.counts.length < this.ids.length) this.counts = new Uint16Array(this.ids.length * 2);
    return this.counts;
  }

  /** The slot lists of a word, or with `prefix` of every word starting with it: the built ones, then the added ones. */
  private wordLists(built: Built, token: string, prefix: boolean): ArrayLike<number>[] {
    const lists: ArrayLike<number>[] = [];
    const words = built.words;
    for (let i = lowerBound(words, token); i < words.length && (prefix ? words[i]!.startsWith(token) : words[i] === token); i++) {
      lists.push(built.wordSlots.subarray(built.wordStarts[i]!, built.wordStarts[i + 1]!));
    }
    if (!prefix) {
      const added = this.addedWords.get(token);
      if (added) lists.push(added);
      return lists;
    }
    const sorted = (this.sortedAddedWords ??= [...this.addedWords.keys()].sort());
    for (let i = lowerBound(sorted, token); i < sorted.length && sorted[i]!.startsWith(token); i++) lists.push(this.addedWords.get(sorted[i]!)!);
    return lists;
  }

  /**
   * A hit either contains the query (so it holds all of the query's own trigrams) or shares
   * MIN_SHARE of the query's trigrams padded with word boundaries (small typos).
   * `typed` is the query as typed, for digits read another way (a phone in 62… form).
   */
  private trigramScan(q: string, typed: string, top: TopK): void {
    const isNumber = /^\d+$/.test(q);
    const own = grams(q);
    // Digits are identifiers: a near-miss NIB is another business, so only exact pieces count.
    const padded = [...(isNumber ? own : grams(` ${q} `))];
    const need = isNumber ? own.size : Math.min(own.size, Math.ceil(MIN_SHARE * padded.length));
    const wordStart = ` ${q}`;
    const judge = (i: number, found: number) => {
      const text = this.texts[i]!;
      const substring = text.includes(q);
      const share = found / padded.length;
      if (!substring && (isNumber || share < MIN_SHARE)) return;
      let score = share;
      if (substring) score += 1;
      if (substring && text.includes(wordStart)) score += 0.5;
      // The NIB exactly as typed beats everything, a whole phone (in either form) or NIB comes next.
      if (isNumber) score += this.nibs[i] === typed ? 6 : this.nibs[i] === q || this.phones[i] === q ? 5 : 0;
      top.offer(i, score);
    };
    if (this.built) this.countFromPostings(this.built, padded, need, judge);
    else this.countFromTexts(padded, need, judge);
  }

  /**
   * Every live slot holding at least `need` of the trigrams, with how many it holds. Such a slot
   * sits in at least one of the n - need + 1 shortest posting lists: count those, then check the
   * long lists (tens of thousands of entries for common syllables) by binary search for the few left.
   */
  private countFromPostings(built: Built, grams: readonly number[], need: number, visit: (slot: number, found: number) => void): void {
    const lists = grams.map((gram) => this.postingsOf(built, gram)).sort((a, b) => a.base.length + a.added.length - (b.base.length + b.added.length));
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
    for (const i of touched) {
      let found = counts[i]!;
      counts[i] = 0;
      for (let l = seeds; l < lists.length && found + (lists.length - l) >= need; l++) {
        if (this.holds(built, lists[l]!, i)) found++;
      }
      if (found >= need && this.alive[i]) visit(i, found);
    }
  }

  /** The same as `countFromPostings`, reading every live text's trigrams in turn (before the postings are built). */
  private countFromTexts(grams: readonly number[], need: number, visit: (slot: number, found: number) => void): void {
    const mark = (this.gramMark ??= new Uint16Array(GRAMS));
    grams.forEach((gram, k) => (mark[gram] = k + 1));
    const seenIn = new Int32Array(grams.length).fill(-1);
    for (let slot = 0; slot < this.texts.length; slot++) {
      if (!this.alive[slot]) continue;
      const text = this.texts[slot]!;
      let found = 0;
      // The two symbols before, as a number below RADIX²: the next trigram without a division.
      let last = SYMBOL[text.charCodeAt(1)]!;
      let pair = SYMBOL[text.charCodeAt(0)]! * RADIX + last;
      for (let i = 2; i < text.length; i++) {
        const symbol = SYMBOL[text.charCodeAt(i)]!;
        const gram = pair * RADIX + symbol;
        pair = last * RADIX + symbol;
        last = symbol;
        const k = mark[gram]!;
        if (k !== 0 && seenIn[k - 1] !== slot) {
          seenIn[k - 1] = slot;
          found++;
        }
      }
      if (found >= need) visit(slot, found);
    }
    for (const gram of grams) mark[gram] = 0;
  }

  /** Posting lists hold slot numbers in ascending order, the added ones above every built one. */
  private holds(built: Built, list: Postings, slot: number): boolean {
    return slot < built.count ? contains(list.base, slot) : contains(list.added, slot);
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
