/**
 * A signature drawn on the desk's screen, stored as one SVG path in a fixed 1000×400 box:
 * "M x y L x y L x y M x y L x y …" with whole numbers. A few kilobytes for a real signature,
 * it survives any export as text, and the receipt draws it with a plain <path>.
 *
 * Pure: the pad collects points in its own pixels; this module scales, thins and writes them.
 */

export const SIGNATURE_WIDTH = 1000;
export const SIGNATURE_HEIGHT = 400;
/** The contract's limit on the path text (shared/api.ts handOver.signature). */
export const SIGNATURE_MAX_LENGTH = 40_000;
/** What this module aims for, well under the limit. */
export const SIGNATURE_BUDGET = 24_000;

export interface Point {
  x: number;
  y: number;
}

export type Stroke = Point[];

/** Scale points from a drawing surface of `width`×`height` pixels into the 1000×400 box (clamped). */
export function toBox(stroke: Stroke, width: number, height: number): Stroke {
  const sx = width > 0 ? SIGNATURE_WIDTH / width : 1;
  const sy = height > 0 ? SIGNATURE_HEIGHT / height : 1;
  return stroke.map((p) => ({
    x: clamp(Math.round(p.x * sx), 0, SIGNATURE_WIDTH),
    y: clamp(Math.round(p.y * sy), 0, SIGNATURE_HEIGHT),
  }));
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  if (len2 === 0) return Math.hypot(p.x - a.x, p.y - a.y);
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Ramer–Douglas–Peucker: keep the points that bend the line more than `epsilon` (iterative, no deep recursion). */
export function simplify(stroke: Stroke, epsilon: number): Stroke {
  // Drop exact repeats first (pointer events fire without moving).
  const points = stroke.filter((p, i) => i === 0 || p.x !== stroke[i - 1]!.x || p.y !== stroke[i - 1]!.y);
  if (points.length <= 2 || epsilon <= 0) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let index = -1;
    let max = 0;
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(points[i]!, points[first]!, points[last]!);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (index > 0 && max > epsilon) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** One stroke as path text; a single tap becomes a dot (a zero-length line, drawn with a round cap). */
function strokePath(stroke: Stroke): string {
  const [first, ...rest] = stroke;
  if (!first) return '';
  const tail = rest.length > 0 ? rest : [first];
  return `M ${first.x} ${first.y} ${tail.map((p) => `L ${p.x} ${p.y}`).join(' ')}`;
}

/**
 * Strokes already in the 1000×400 box → the compact path, thinned harder until it fits the budget.
 * Returns null for an empty drawing.
 */
export function strokesToPath(strokes: readonly Stroke[], budget = SIGNATURE_BUDGET): string | null {
  const drawn = strokes.filter((s) => s.length > 0);
  if (drawn.length === 0) return null;
  let epsilon = 1;
  for (;;) {
    const path = drawn.map((s) => strokePath(simplify(s, epsilon))).join(' ');
    if (path.length <= budget) return path;
    if (epsilon > 400) {
      // Pathological input (thousands of separate taps): keep the strokes that fit.
      let out = '';
      for (const s of drawn) {
        const part = strokePath(simplify(s, epsilon));
        if (out.length + part.length + 1 > budget) break;
        out = out ? `${out} ${part}` : part;
      }
      return out || null;
    }
    epsilon *= 2;
  }
}

/** Strokes in pad pixels → the stored path. */
export function signaturePath(strokes: readonly Stroke[], width: number, height: number, budget = SIGNATURE_BUDGET): string | null {
  return strokesToPath(
    strokes.map((s) => toBox(s, width, height)),
    budget,
  );
}

/** Read a stored path back into strokes (for redrawing); anything unexpected is skipped. */
export function parsePath(path: string): Stroke[] {
  const strokes: Stroke[] = [];
  const tokens = path.trim().split(/[\s,]+/);
  let current: Stroke | null = null;
  for (let i = 0; i < tokens.length; ) {
    const op = tokens[i];
    const x = Number(tokens[i + 1]);
    const y = Number(tokens[i + 2]);
    if ((op === 'M' || op === 'L') && Number.isFinite(x) && Number.isFinite(y)) {
      if (op === 'M' || !current) {
        current = [];
        strokes.push(current);
      }
      current.push({ x, y });
      i += 3;
    } else i += 1;
  }
  return strokes;
}
