import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SearchIndex } from '../../shared/search';
import { propertyRuns } from '../helpers/property-runs';

function index(): SearchIndex {
  const ix = new SearchIndex();
  ix.upsert({ id: 'a', texts: ['Siti Aminah', 'Dapur Siti'], numbers: ['0123456789012', '081234567890'], sortKey: 'Siti Aminah' });
  ix.upsert({ id: 'b', texts: ['Aminah Sitti', 'Toko Berkah'], numbers: ['1112210007923'], sortKey: 'Aminah Sitti' });
  ix.upsert({ id: 'c', texts: ['Rahmadi Syahrani', 'Olahan Sarigading Pundut'], numbers: ['9793822972028'], sortKey: 'Rahmadi Syahrani' });
  return ix;
}

describe('search index', () => {
  it('ranks the exact NIB first, and finds a partial NIB or phone anywhere in it', () => {
    const ix = index();
    expect(ix.search('1112210007923')[0]!.id).toBe('b');
    expect(ix.search('22972')[0]!.id).toBe('c');
    expect(ix.search('0812 3456')[0]!.id).toBe('a');
    // A near-miss NIB is another business: no fuzzy matches for digits.
    expect(ix.search('1112210007924')).toEqual([]);
  });

  it('prefers a whole-word prefix to a fuzzy match', () => {
    const hits = index().search('siti');
    expect(hits.map((h) => h.id)).toEqual(['a', 'b']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('tolerates a typo, other word order and case', () => {
    const ix = index();
    expect(ix.search('SARIGADNG')[0]!.id).toBe('c');
    expect(ix.search('syahrani rahmadi')[0]!.id).toBe('c');
    expect(ix.search('sitti').map((h) => h.id).sort()).toEqual(['a', 'b']);
  });

  it('answers one or two letters with word prefixes only', () => {
    expect(index().search('ra').map((h) => h.id)).toEqual(['c']);
  });

  it('forgets a removed participant and follows an edited one', () => {
    const ix = index();
    ix.remove('a');
    expect(ix.search('dapur').map((h) => h.id)).toEqual([]);
    ix.upsert({ id: 'c', texts: ['Rahmadi', 'Kue Bingka'], numbers: [], sortKey: 'Rahmadi' });
    expect(ix.search('pundut')).toEqual([]);
    expect(ix.search('bingka')[0]!.id).toBe('c');
    expect(ix.size).toBe(2);
  });

  it('always finds a participant by any three-letter-or-longer piece of the name', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{3,10}$/), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        (names, pick, cut) => {
          const ix = new SearchIndex();
          names.forEach((name, i) => ix.upsert({ id: String(i), texts: [name], numbers: [], sortKey: name }));
          const target = pick % names.length;
          const name = names[target]!;
          const start = cut % (name.length - 2);
          const piece = name.slice(start, start + 3 + (cut % (name.length - start - 2)));
          const found = ix.search(piece, 100).map((h) => h.id);
          expect(found).toContain(String(target));
        },
      ),
      propertyRuns(300),
    );
  });
});
