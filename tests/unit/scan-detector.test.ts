import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScanDetector, type ScanResult } from '../../renderer/src/lib/scan-detector';
import { propertyRuns } from '../helpers/property-runs';

const BADGE = 'LK1' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(4);

/** Feed `text` then Enter, one key every `gaps[i]` ms (cycled), starting at `start`. */
function type(d: ScanDetector, text: string, gaps: number[], start = 1000): { result: ScanResult; end: number } {
  let t = start;
  let i = 0;
  for (const ch of text) {
    d.key(ch, t);
    t += gaps[i++ % gaps.length]!;
  }
  return { result: d.key('Enter', t), end: t };
}

describe('scan detector', () => {
  it('a fast burst ending in Enter is a scan, for a badge code and a plain NIB', () => {
    const d = new ScanDetector();
    expect(type(d, BADGE, [4]).result).toEqual({ kind: 'scan', code: BADGE });
    expect(type(d, '0289010302776', [8], 10_000).result).toEqual({ kind: 'scan', code: '0289010302776' });
  });

  it('slow typing followed by Enter is not a scan, however long', () => {
    const d = new ScanDetector();
    expect(type(d, '0289010302776', [120]).result).toEqual({ kind: 'none' });
    expect(type(d, 'siti aminah banjarbaru', [60], 20_000).result).toEqual({ kind: 'none' });
  });

  it('a very fast typist (rollover digraphs of 25 ms between slower keys) is not a scanner', () => {
    const d = new ScanDetector();
    expect(type(d, '0289010302776', [25, 70]).result).toEqual({ kind: 'none' });
    expect(type(d, 'siti aminah', [30, 45, 60], 20_000).result).toEqual({ kind: 'none' });
  });

  it('a pause over 150 ms breaks a burst: before Enter, or in the middle (only the short tail is left)', () => {
    const d = new ScanDetector();
    let t = 5000;
    for (const ch of '0289010') d.key(ch, (t += 5)); // not yet established: 7 keys
    expect(d.key('Enter', t + 200)).toEqual({ kind: 'none' });
    for (const ch of BADGE) d.key(ch, (t += 5));
    expect(d.key('Enter', t + 200)).toEqual({ kind: 'none' }); // Enter comes right after a real scan
    // A burst, a pause, then five fast keys and Enter: the tail is too short to be a code.
    t += 1000;
    for (const ch of '0289010302776') d.key(ch, (t += 5));
    t += 1200;
    for (const ch of 'abcde') d.key(ch, (t += 5));
    expect(d.key('Enter', t + 5)).toEqual({ kind: 'none' });
  });

  it('an established burst survives a stall in event delivery (up to 1 s) instead of being cut in two', () => {
    const d = new ScanDetector();
    const gaps = Array.from({ length: BADGE.length }, (_, i) => (i === 60 ? 400 : 6));
    expect(type(d, BADGE, gaps).result).toEqual({ kind: 'scan', code: BADGE });
    // Typed text before the burst never joins it: a person's keys are no established burst.
    let t = 100_000;
    for (const ch of 'siti') d.key(ch, (t += 120));
    t += 200;
    for (const ch of BADGE) d.key(ch, (t += 5));
    expect(d.key('Enter', t + 5)).toEqual({ kind: 'scan', code: BADGE });
  });

  it('tolerates the jitter of real event delivery: a few slow keys inside a fast burst', () => {
    const d = new ScanDetector();
    // Measured from an automated Chromium typing with a 5 ms delay: mostly 10–30 ms, a few spikes.
    const gaps = [44, 22, 40, 29, 34, 27, 17, 132, 14, 11, 35, 20, 22, 22, 20, 40, 19, 25, 18, 10, 27, 45, 31, 18, 12, 11, 25, 31, 16, 19, 94, 15];
    expect(type(d, BADGE, gaps).result).toEqual({ kind: 'scan', code: BADGE });
  });

  it('too short a burst (a fast "ok" + Enter) is not a scan', () => {
    const d = new ScanDetector();
    expect(type(d, 'budi', [5]).result).toEqual({ kind: 'none' });
  });

  it('the same code within 3 s is a duplicate; after 3 s it is a new scan', () => {
    const d = new ScanDetector();
    const first = type(d, BADGE, [5], 0);
    expect(first.result.kind).toBe('scan');
    const second = type(d, BADGE, [5], first.end + 300);
    expect(second.result).toEqual({ kind: 'duplicate', code: BADGE });
    // A different code in between is its own scan.
    expect(type(d, '0289010302776', [5], second.end + 100).result.kind).toBe('scan');
    expect(type(d, '0289010302776', [5], second.end + 3500).result.kind).toBe('scan');
  });

  it('Shift between characters (capitals) keeps the burst; arrows, repeats and chords break it', () => {
    const d = new ScanDetector();
    let t = 0;
    for (const ch of BADGE) {
      d.key('Shift', (t += 2));
      d.key(ch, (t += 3));
    }
    expect(d.key('Enter', t + 4).kind).toBe('scan');

    for (const ch of '0289010302776') d.key(ch, (t += 5));
    d.key('ArrowDown', (t += 5));
    expect(d.key('Enter', (t += 5)).kind).toBe('none');

    for (const ch of '0289010302776') d.key(ch, (t += 5), { repeat: ch === '7' });
    expect(d.key('Enter', (t += 5)).kind).toBe('none');
  });

  it('the duplicate window runs from the end of the accepted scan to the start of the next burst', () => {
    const d = new ScanDetector();
    const first = type(d, BADGE, [20], 0); // a slow scanner: 2.6 s for the whole code
    expect(first.result.kind).toBe('scan');
    const second = type(d, BADGE, [20], first.end + 1000);
    expect(second.result.kind).toBe('duplicate'); // read 1 s after, though its Enter came 3.6 s after
  });

  it('camera reads share the duplicate window', () => {
    const d = new ScanDetector();
    expect(d.accept(BADGE, 100).kind).toBe('scan');
    expect(d.accept(BADGE, 2000).kind).toBe('duplicate');
    expect(d.accept(BADGE, 3200).kind).toBe('scan');
  });

  it('property: typing (no pause over 150 ms) that averages over 35 ms a key, or pauses over 150 ms before Enter, is never a scan', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 1 }), fc.integer({ min: 0, max: 400 }), (text, gaps, pause) => {
        const d = new ScanDetector();
        const chars = [...text].filter((c) => c.length === 1);
        let t = 0;
        const used: number[] = [];
        chars.forEach((ch, i) => {
          const gap = gaps[i % gaps.length]!;
          if (i > 0) used.push(gap);
          d.key(ch, (t += gap));
        });
        const result = d.key('Enter', t + pause);
        const sum = used.reduce((a, b) => a + b, 0);
        const mean = (sum + pause) / (used.length + 1);
        if (pause > 150 || mean > 35 || chars.length < 8) return result.kind === 'none';
        return true;
      }),
      propertyRuns(100),
    );
  });
});
