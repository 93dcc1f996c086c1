/**
 * Tells a keyboard-wedge scanner from a person typing. A USB scanner "types" the code it read as a
 * burst of key presses a few milliseconds apart and ends it with Enter; a person, even a very fast
 * one, averages well over 50 ms a key. A burst counts as a scan only when it is long enough, ends
 * with Enter, averages at most `maxGapMs` a key (Enter included), and has no gap over `breakGapMs`
 * anywhere: a longer pause ends any burst, so a person's typing never joins one. The hard limit is
 * looser than the average because key events reach the page with some jitter (a busy desk PC, the
 * USB polling interval, an automated browser), while a person never keeps up the average.
 *
 * Pure: no DOM, no clock of its own. The caller passes each key and the time it was pressed
 * (KeyboardEvent.timeStamp in the UI), so tests can play any rhythm.
 */

export interface ScanOptions {
  /** Longest average gap between the keys of a burst, Enter included, in milliseconds. */
  maxGapMs: number;
  /** A gap longer than this ends a burst (and Enter after it is an ordinary Enter)… */
  breakGapMs: number;
  /**
   * …unless the burst is already established (at least `minLength` keys at scanner speed, which no
   * person types): then a stall in event delivery up to this long does not cut the code in two.
   * (Enter itself must still follow within `breakGapMs`.)
   */
  stallMs: number;
  /** Shortest code a burst may carry (an NIB has 13 digits, a Loket badge code ~130 characters). */
  minLength: number;
  /**
   * The same code again within this many milliseconds is the same scan. Counted from the end of the
   * accepted burst to the start of the new one: the scanner read the code when its burst began.
   */
  dedupeMs: number;
}

export const SCAN_DEFAULTS: ScanOptions = { maxGapMs: 35, breakGapMs: 150, stallMs: 1000, minLength: 8, dedupeMs: 3000 };

export type ScanResult =
  /** An ordinary key: let it do what it does. */
  | { kind: 'none' }
  /** Enter ended a scanner burst: `code` is what the scanner read. */
  | { kind: 'scan'; code: string }
  /** Enter ended a burst with the code accepted less than `dedupeMs` ago: ignore it. */
  | { kind: 'duplicate'; code: string };

/** Keys a scanner may send between characters without breaking the burst (Shift for capitals). */
const NEUTRAL = new Set(['Shift', 'CapsLock', 'Unidentified', 'Dead']);

const NONE: ScanResult = { kind: 'none' };

export class ScanDetector {
  readonly options: ScanOptions;
  #chars = '';
  #last = -Infinity;
  /** Sum of the gaps inside the burst in progress. */
  #gaps = 0;
  /** When the burst in progress began. */
  #start = 0;
  #accepted: { code: string; at: number } | null = null;

  constructor(options: Partial<ScanOptions> = {}) {
    this.options = { ...SCAN_DEFAULTS, ...options };
  }

  /** The characters of the burst in progress. */
  get pending(): string {
    return this.#chars;
  }

  /**
   * One key press: `key` as KeyboardEvent.key, `time` in milliseconds. `repeat` (a key held down)
   * and modifier chords break a burst: no scanner sends those.
   */
  key(key: string, time: number, flags: { repeat?: boolean; modifier?: boolean } = {}): ScanResult {
    if (NEUTRAL.has(key)) return NONE;
    if (flags.repeat || flags.modifier) {
      this.reset();
      return NONE;
    }
    const gap = time - this.#last;
    // Scanners send Enter right after the code: Enter after a stall is a person's Enter.
    const stall = key !== 'Enter' && this.#established() && gap > this.options.breakGapMs && gap <= this.options.stallMs;
    const joined = (gap >= 0 && gap <= this.options.breakGapMs) || stall;
    // A stall is the delivery's, not the scanner's: it does not count towards the average.
    const counted = stall ? 0 : gap;
    if (key === 'Enter') {
      const code = this.#chars.trim();
      const keys = this.#chars.length; // gaps in the burst, Enter's included
      const burst = joined && code.length >= this.options.minLength && (this.#gaps + counted) / keys <= this.options.maxGapMs;
      const started = this.#start;
      this.reset();
      return burst ? this.accept(code, time, started) : NONE;
    }
    if (key.length !== 1) {
      this.reset();
      return NONE;
    }
    if (joined) {
      this.#chars += key;
      this.#gaps += counted;
    } else {
      this.#chars = key;
      this.#gaps = 0;
      this.#start = time;
    }
    this.#last = time;
    return NONE;
  }

  /** A code read another way (the camera): only the duplicate check applies. */
  accept(code: string, time: number, started = time): ScanResult {
    const previous = this.#accepted;
    if (previous && previous.code === code && time >= previous.at && started - previous.at < this.options.dedupeMs) {
      return { kind: 'duplicate', code };
    }
    this.#accepted = { code, at: time };
    return { kind: 'scan', code };
  }

  /** The keys so far can only come from a scanner. */
  #established(): boolean {
    const n = this.#chars.length;
    return n >= this.options.minLength && this.#gaps / (n - 1) <= this.options.maxGapMs;
  }

  /** Forget the burst in progress (not the last accepted code). */
  reset(): void {
    this.#chars = '';
    this.#last = -Infinity;
    this.#gaps = 0;
  }
}
