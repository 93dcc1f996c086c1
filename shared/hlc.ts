/**
 * Hybrid logical clock. Timestamps are fixed-width strings so that they sort as text in SQLite
 * and in JavaScript alike: 15 digits of wall-clock milliseconds, '.', 6 digits of counter.
 * Convergence never depends on these values; they order the display and break LWW ties.
 */
export interface Hlc {
  wall: number;
  counter: number;
}

/** A remote clock further ahead than this is not absorbed, so one bad desk cannot drag every desk's times. */
export const MAX_ABSORBED_DRIFT_MS = 60_000;

/** Above this a peer's clock is flagged ("check this desk's clock"); its events are still taken. */
export const CLOCK_WARNING_MS = 60_000;

export function encodeHlc(h: Hlc): string {
  return `${String(h.wall).padStart(15, '0')}.${String(h.counter).padStart(6, '0')}`;
}

export function decodeHlc(text: string): Hlc {
  const match = /^(\d{15})\.(\d{6})$/.exec(text);
  if (!match) throw new Error(`invalid HLC timestamp: ${text}`);
  return { wall: Number(match[1]), counter: Number(match[2]) };
}

export function hlcWall(text: string): number {
  return decodeHlc(text).wall;
}

export class HlcClock {
  private last: Hlc;

  constructor(
    private readonly now: () => number,
    last?: string,
  ) {
    this.last = last ? decodeHlc(last) : { wall: 0, counter: 0 };
  }

  /** A timestamp for a local event, strictly greater than every timestamp this clock has issued or absorbed. */
  tick(): string {
    const physical = this.now();
    this.last =
      physical > this.last.wall ? { wall: physical, counter: 0 } : { wall: this.last.wall, counter: this.last.counter + 1 };
    return encodeHlc(this.last);
  }

  /** Absorb a timestamp seen on a replicated event. Returns false (and ignores it) when it is implausibly far ahead. */
  observe(remote: string): boolean {
    const r = decodeHlc(remote);
    if (r.wall > this.now() + MAX_ABSORBED_DRIFT_MS) return false;
    if (r.wall > this.last.wall || (r.wall === this.last.wall && r.counter > this.last.counter)) this.last = r;
    return true;
  }
}
