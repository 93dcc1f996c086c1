import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keyRuns } from '../../electron/core/uplink/postgres-link';

describe('the keys an uplink batch reads back', () => {
  it('cover exactly the keys sent, as few ranges as the keys allow', () => {
    const key = fc.record({ desk: fc.constantFrom('a', 'b', 'c'), seq: fc.integer({ min: 1, max: 60 }) });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 80 }), (keys) => {
        const runs = keyRuns(keys);
        const covered = runs.flatMap((r) => Array.from({ length: r.last - r.first + 1 }, (_, i) => `${r.desk}:${r.first + i}`));
        expect(covered).toEqual(keys.map((k) => `${k.desk}:${k.seq}`));
        // Two runs side by side never continue each other.
        runs.slice(1).forEach((r, i) => expect(r.desk === runs[i]!.desk && r.first === runs[i]!.last + 1).toBe(false));
      }),
    );
    expect(keyRuns(Array.from({ length: 2000 }, (_, i) => ({ desk: 'a', seq: 101 + i })))).toEqual([{ desk: 'a', first: 101, last: 2100 }]);
  });
});
