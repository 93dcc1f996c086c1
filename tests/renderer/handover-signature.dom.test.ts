import { describe, expect, it } from 'vitest';
import { maskId, normalizeNumber } from '../../renderer/src/lib/handover.svelte';
import { cropTo43 } from '../../renderer/src/lib/photo';
import { parsePath, signaturePath, simplify, SIGNATURE_BUDGET, SIGNATURE_MAX_LENGTH, strokesToPath, toBox, type Stroke } from '../../renderer/src/lib/signature';

const PATH = /^(M \d+ \d+( L \d+ \d+)+)( M \d+ \d+( L \d+ \d+)+)*$/;

describe('signature → compact SVG path', () => {
  it('scales pad pixels into the 1000×400 box, whole numbers, clamped', () => {
    expect(toBox([{ x: 250, y: 100 }, { x: 600, y: -5 }], 500, 200)).toEqual([
      { x: 500, y: 200 },
      { x: 1000, y: 0 },
    ]);
  });

  it('writes "M x y L x y …" per stroke; a tap is a dot; empty is null', () => {
    const path = strokesToPath([
      [
        { x: 10, y: 20 },
        { x: 30, y: 40 },
      ],
      [{ x: 5, y: 5 }],
    ]);
    expect(path).toBe('M 10 20 L 30 40 M 5 5 L 5 5');
    expect(strokesToPath([])).toBeNull();
    expect(strokesToPath([[]])).toBeNull();
    expect(parsePath(path!)).toEqual([
      [
        { x: 10, y: 20 },
        { x: 30, y: 40 },
      ],
      [
        { x: 5, y: 5 },
        { x: 5, y: 5 },
      ],
    ]);
  });

  it('drops points on a straight line and repeated points', () => {
    const line: Stroke = Array.from({ length: 100 }, (_, i) => ({ x: i * 5, y: 100 }));
    expect(simplify(line, 1)).toEqual([
      { x: 0, y: 100 },
      { x: 495, y: 100 },
    ]);
    expect(simplify([{ x: 1, y: 1 }, { x: 1, y: 1 }, { x: 1, y: 1 }], 1)).toEqual([{ x: 1, y: 1 }]);
  });

  it('a long scribble at high pointer rate stays within the budget and the contract limit', () => {
    // 30 strokes of 2000 points each, a wobbly pen at 1 kHz: ~60 000 points.
    const strokes: Stroke[] = Array.from({ length: 30 }, (_, s) =>
      Array.from({ length: 2000 }, (_, i) => ({ x: (i / 2) % 980, y: 200 + 150 * Math.sin(i / 7 + s) + ((i * 7919) % 13) })),
    );
    const path = signaturePath(strokes, 1000, 400)!;
    expect(path.length).toBeLessThanOrEqual(SIGNATURE_BUDGET);
    expect(path.length).toBeLessThan(SIGNATURE_MAX_LENGTH);
    expect(path).toMatch(PATH);
    for (const stroke of parsePath(path)) {
      for (const p of stroke) {
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(1000);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeLessThanOrEqual(400);
      }
    }
  });

  it('a realistic signature is a few kilobytes', () => {
    const strokes: Stroke[] = [0, 1, 2].map((s) => Array.from({ length: 300 }, (_, i) => ({ x: 50 + s * 250 + i * 0.7, y: 200 + 80 * Math.sin(i / 15) })));
    const path = signaturePath(strokes, 1000, 400)!;
    expect(path.length).toBeLessThan(4000);
    expect(path).toMatch(PATH);
  });
});

describe('small helpers of the handover flow', () => {
  it('certificate numbers compare without spaces, dashes and case', () => {
    expect(normalizeNumber(' id 6311-0000-1234 50524 ')).toBe('ID63110000123450524');
    expect(normalizeNumber('https://bpjph.halal.go.id/detail/ID63110000123450524?x=1')).toBe('ID63110000123450524');
    expect(normalizeNumber('SH-2024-7')).toBe('SH20247');
  });

  it('an ID number is masked to its first and last four digits', () => {
    expect(maskId('6372011203900001')).toBe('6372••••••••0001');
    expect(maskId('1234567')).toBe('•••4567');
    expect(maskId('')).toBe('');
  });

  it('the photo crop fills 4:3 from the middle of the frame', () => {
    expect(cropTo43(1280, 720)).toEqual([160, 0, 960, 720]);
    expect(cropTo43(640, 480)).toEqual([0, 0, 640, 480]);
  });
});
