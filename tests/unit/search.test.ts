import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, SearchIndex, type SearchDoc } from '../../shared/search';
import { propertyRuns } from '../helpers/property-runs';

function index(): SearchIndex {
  const ix = new SearchIndex();
  ix.upsert({ id: 'a', texts: ['Siti Aminah', 'Dapur Siti'], nib: '0123456789012', phone: '081234567890', sortKey: 'Siti Aminah' });
  ix.upsert({ id: 'b', texts: ['Aminah Sitti', 'Toko Berkah'], nib: '1112210007923', phone: null, sortKey: 'Aminah Sitti' });
  ix.upsert({ id: 'c', texts: ['Rahmadi Syahrani', 'Olahan Sarigading Pundut'], nib: '9793822972028', phone: null, sortKey: 'Rahmadi Syahrani' });
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
    ix.upsert({ id: 'c', texts: ['Rahmadi', 'Kue Bingka'], nib: null, phone: null, sortKey: 'Rahmadi' });
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
          names.forEach((name, i) => ix.upsert({ id: String(i), texts: [name], nib: null, phone: null, sortKey: name }));
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

/** Thirteen digits starting with `prefix`. */
const digitsAfter = (prefix: string) => fc.stringMatching(new RegExp(`^\\d{${13 - prefix.length}}$`)).map((rest) => prefix + rest);

describe('an NIB typed whole', () => {
  // NIBs that look like phone numbers (62…, 628…, 08…) among any others; phones that coincide with another's NIB.
  const list = fc
    .uniqueArray(fc.oneof(digitsAfter('62'), digitsAfter('628'), digitsAfter('08'), digitsAfter('')), { minLength: 1, maxLength: 40 })
    .chain((nibs) =>
      fc.tuple(
        fc.constant(nibs),
        fc.array(fc.oneof(fc.constant(null), fc.stringMatching(/^08\d{8,11}$/), fc.nat().map((i) => `0${nibs[i % nibs.length]!.slice(1)}`), fc.nat().map((i) => `0${nibs[i % nibs.length]!.slice(2)}`)), {
          minLength: nibs.length,
          maxLength: nibs.length,
        }),
        fc.array(fc.constantFrom('Siti Aminah', 'Gusti Siti Effendi', 'Rahmah'), { minLength: nibs.length, maxLength: nibs.length }),
      ),
    );

  it('finds its owner first, typed plain or grouped, however the list was built', () => {
    fc.assert(
      fc.property(list, fc.boolean(), ([nibs, phones, names], bulk) => {
        const docs = nibs.map((nib, i) => ({ id: `p${i}`, texts: [names[i]!, 'Usaha'], nib, phone: phones[i]!, sortKey: names[i]! }));
        const ix = bulk ? new SearchIndex(docs) : new SearchIndex();
        if (!bulk) docs.forEach((d) => ix.upsert(d));
        nibs.forEach((nib, i) => {
          expect(ix.search(nib)[0]?.id).toBe(`p${i}`);
          expect(ix.search(`${nib.slice(0, 4)} ${nib.slice(4, 8)} ${nib.slice(8)}`)[0]?.id).toBe(`p${i}`);
        });
      }),
      propertyRuns(200),
    );
  });

  it('still finds a phone number typed in 62… form', () => {
    const ix = index();
    expect(ix.search('6281234567890')[0]!.id).toBe('a');
    expect(ix.search('+62 812-3456-7890')[0]!.id).toBe('a');
    const nibLikePhone = new SearchIndex([{ id: 'n', texts: ['Noor'], nib: '6216955158389', phone: null, sortKey: 'Noor' }]);
    expect(nibLikePhone.search('6216955158389')[0]!.id).toBe('n');
  });
});

describe('an index built at once and one kept up to date', () => {
  const name = fc.array(fc.constantFrom('siti', 'aminah', 'rahmah', 'gusti', 'dodol', 'amplang', 'noor', 'haruan'), { minLength: 1, maxLength: 3 }).map((w) => w.join(' '));
  const doc = fc.record({
    id: fc.constantFrom(...Array.from({ length: 12 }, (_, i) => `p${i}`)),
    name,
    business: name,
    nib: fc.oneof(fc.constant(null), digitsAfter('6')),
    phone: fc.oneof(fc.constant(null), fc.stringMatching(/^08\d{9}$/)),
  });
  const op = fc.oneof(doc.map((d) => ({ kind: 'upsert' as const, d })), fc.constantFrom(...Array.from({ length: 12 }, (_, i) => ({ kind: 'remove' as const, id: `p${i}` }))));
  const QUERIES = ['s', 'si', 'siti', 'amin', 'siti am', 'rahmh', 'dodol amplang', 'gusti noor', '08', '6', '081', '62812', 'haruan'];
  const ranked = (hits: { id: string; score: number }[]) => hits.map((h) => `${h.id}:${h.score.toFixed(6)}`).sort();

  it('answer every query alike, after any edits and removals', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const kept = new SearchIndex();
        const final = new Map<string, { id: string; texts: string[]; nib: string | null; phone: string | null; sortKey: string }>();
        for (const o of ops) {
          if (o.kind === 'remove') {
            kept.remove(o.id);
            final.delete(o.id);
          } else {
            const d = { id: o.d.id, texts: [o.d.name, o.d.business], nib: o.d.nib, phone: o.d.phone, sortKey: o.d.name };
            kept.upsert(d);
            final.set(d.id, d);
          }
        }
        const built = new SearchIndex(final.values());
        expect(kept.size).toBe(built.size);
        for (const q of QUERIES) expect(ranked(kept.search(q, 100))).toEqual(ranked(built.search(q, 100)));
      }),
      propertyRuns(300),
    );
  });

  it('rebuilds its typed postings after many additions, finding old and new alike', () => {
    const ix = new SearchIndex([{ id: 'first', texts: ['Jumberi Syahrani', 'Keripik'], nib: '6301000000000', phone: null, sortKey: 'Jumberi Syahrani' }]);
    for (let i = 0; i < 5_000; i++) ix.upsert({ id: `n${i}`, texts: [`Warga ${i}`, 'Dodol'], nib: String(6300000000000 + i + 1), phone: null, sortKey: `Warga ${i}` });
    ix.upsert({ id: 'first', texts: ['Jumberi Syahrani', 'Amplang'], nib: '6301000000000', phone: null, sortKey: 'Jumberi Syahrani' });
    expect(ix.search('syahrani amplang')[0]!.id).toBe('first');
    expect(ix.search('keripik')).toEqual([]);
    expect(ix.search('6300000004321')[0]!.id).toBe('n4320');
    expect(ix.search('warga 4999')[0]!.id).toBe('n4999');
    expect(ix.size).toBe(5_001);
  });
});

describe('an index whose arrays are still being built', () => {
  // Words that share trigrams and prefixes, typed with capitals, apostrophes and dots as lists have them.
  const WORDS = ['Siti', 'Sitti', 'Aminah', 'Rahmah', 'Rahmat', 'Gusti', 'Hj.', 'H.', 'Dodol', 'Amplang', 'Noor', 'Nur', "Ma'rifah", 'Haruan', 'Keripik', 'Kerupuk', 'Banjar', 'Banjarbaru', 'Élan', 'Ud', 'Cv', '99'];
  const name = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
  const doc = fc.record({
    id: fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `p${i}`)),
    name,
    business: name,
    nib: fc.oneof(fc.constant(null), digitsAfter('6'), digitsAfter('62')),
    phone: fc.oneof(fc.constant(null), fc.stringMatching(/^08\d{9}$/)),
  }).map((d): SearchDoc => ({ id: d.id, texts: [d.name, d.business], nib: d.nib, phone: d.phone, sortKey: d.name }));
  const op = fc.oneof(doc.map((d) => ({ kind: 'upsert' as const, d })), fc.nat(29).map((i) => ({ kind: 'remove' as const, id: `p${i}` })));
  /** What an operator types: pieces of words, a letter wrong, two words, prefixes, digits of an NIB or a phone. */
  const query = fc.oneof(
    fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS), fc.nat(), fc.nat(), fc.constantFrom('prefix', 'piece', 'typo', 'two', 'joined')).map(([a, b, i, j, kind]) => {
      const w = a.toLowerCase();
      if (kind === 'prefix') return w.slice(0, 1 + (i % w.length));
      if (kind === 'piece') return w.slice(i % w.length, (i % w.length) + 3 + (j % 4));
      if (kind === 'typo') return w.slice(0, i % w.length) + 'aiuxz'[j % 5] + w.slice((i % w.length) + 1);
      if (kind === 'two') return `${a} ${b.slice(0, 1 + (j % b.length))}`;
      return `${w}${b.toLowerCase()}`;
    }),
    fc.stringMatching(/^\d{1,7}$/),
    fc.stringMatching(/^62\d{2,9}$/),
  );

  const apply = (ix: SearchIndex, ops: readonly ({ kind: 'upsert'; d: SearchDoc } | { kind: 'remove'; id: string })[]) => {
    for (const o of ops) {
      if (o.kind === 'upsert') ix.upsert(o.d);
      else ix.remove(o.id);
    }
  };

  it('finds exactly what the built index finds, in the same order, before and after the arrays arrive', () => {
    fc.assert(
      fc.property(
        fc.array(doc, { minLength: 1, maxLength: 40 }),
        fc.array(op, { maxLength: 15 }),
        fc.array(op, { maxLength: 15 }),
        fc.array(query, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(3, 20, 100),
        (docs, before, during, queries, limit) => {
          const reading = new SearchIndex(docs, { build: false });
          const built = new SearchIndex(docs);
          apply(reading, before);
          apply(built, before);
          // The worker builds from what the index held when asked; edits go on meanwhile.
          const input = reading.buildInput();
          apply(reading, during);
          apply(built, during);
          expect(reading.ready).toBe(false);
          // And a word that ends a business name whole, then the start of an owner's name.
          const asked = [...queries, ...docs.slice(0, 6).map((d) => `${d.texts[1]!.split(' ').at(-1)} ${d.texts[0]!.slice(0, 2)}`)];
          for (const q of asked) expect(reading.search(q, limit)).toEqual(built.search(q, limit));
          reading.install(buildIndex({ texts: input.texts.split('\n'), namesEnd: input.namesEnd }));
          expect(reading.ready).toBe(true);
          for (const q of asked) expect(reading.search(q, limit)).toEqual(built.search(q, limit));
        },
      ),
      propertyRuns(300),
    );
  });
});
