import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/canonical-json';
import { propertyRuns } from '../helpers/property-runs';

/** The same value with the keys of every object in another order. */
function reordered(value: unknown, order: (keys: string[]) => string[]): unknown {
  if (Array.isArray(value)) return value.map((v) => reordered(v, order));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = Object.create(null);
    for (const key of order(Object.keys(value))) out[key] = reordered((value as Record<string, unknown>)[key], order);
    return out;
  }
  return value;
}

function keysAreSorted(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(keysAreSorted);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.every((k, i) => i === 0 || keys[i - 1]! < k) && Object.values(value).every(keysAreSorted);
  }
  return true;
}

describe('canonical JSON (what event hashes are computed over)', () => {
  it('gives the same bytes whatever order the keys were built in, sorted, and the value survives the round trip', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        // Reversed keys take the sorting path; a parse of the canonical text takes the already-sorted one.
        expect(canonicalJson(reordered(value, (keys) => [...keys].reverse()))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        const parsed: unknown = JSON.parse(text);
        // Integer-like keys are the one thing JSON.parse itself reorders.
        if (!/"\d+":/.test(text)) expect(keysAreSorted(parsed)).toBe(true);
      }),
      propertyRuns(500),
    );
  });

  it('keeps a "__proto__" field, as JSON.parse makes it, in any key order', () => {
    const body = JSON.parse('{"z":1,"__proto__":{"b":2,"a":1}}');
    expect(canonicalJson(body)).toBe('{"__proto__":{"a":1,"b":2},"z":1}');
  });

  it('leaves out undefined fields as JSON does', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, { z: 1, y: undefined }] })).toBe('{"b":1,"c":[null,{"z":1}]}');
  });
});
