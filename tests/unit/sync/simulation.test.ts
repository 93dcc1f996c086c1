import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Desk } from '../../../electron/core/desk';
import type { NewEvent } from '../../../shared/events';
import { openEventDesk, person } from '../../helpers/desk-fixture';
import { propertyRuns } from '../../helpers/property-runs';
import { SimDesk, SimLink, simDirFactory } from './sim-network';

/**
 * design.md §4, invariants 1, 3, 4 and 6 under a seeded schedule: 2–12 desks append while links
 * connect, drop, duplicate and reorder frames, partition, crash and reopen, with skewed clocks.
 * The seed comes from TEST_SEED (tests/helpers/property-runs.ts); a failure prints it for replay.
 */
const dirs = simDirFactory();
afterEach(() => dirs.cleanup());

const PEOPLE = 5;
const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('act' as const), d: fc.nat(11), kind: fc.nat(3), p: fc.nat(PEOPLE - 1) }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('connect' as const), a: fc.nat(11), b: fc.nat(11) }) },
  {
    weight: 14,
    arbitrary: fc.record({
      k: fc.constant('deliver' as const),
      l: fc.nat(),
      toServer: fc.boolean(),
      i: fc.oneof({ weight: 40, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(4) }),
      dup: fc.oneof({ weight: 40, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
  },
  /** A quiet moment on one link: everything in flight arrives, in order. */
  { weight: 4, arbitrary: fc.record({ k: fc.constant('settle' as const), l: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('drop' as const), l: fc.nat(), toServer: fc.boolean(), i: fc.nat(4) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('disconnect' as const), l: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('crash' as const), d: fc.nat(11) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('partition' as const), mask: fc.nat(4095) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('heal' as const) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('tick' as const), ms: fc.nat(90_000) }) },
);

const scenario = fc.record({
  desks: fc.integer({ min: 2, max: 12 }),
  skews: fc.array(fc.integer({ min: -5 * 60_000, max: 5 * 60_000 }), { minLength: 12, maxLength: 12 }),
  steps: fc.array(step, { minLength: 30, maxLength: 250, size: 'max' }),
  /** Heal through a chain (events must travel through intermediaries) or a full mesh. */
  chain: fc.boolean(),
  order: fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
});

function derived(desk: Desk): string {
  // Every derived column; not the room kept free beside each state (subject-deriver.ts), whose size follows the row's own history.
  const participants = desk.db.prepare('SELECT id, nib, regency, present, walk_in, state FROM participants ORDER BY id').all();
  const subjects = desk.db.prepare('SELECT * FROM subjects ORDER BY subject').all();
  return JSON.stringify([participants, subjects]);
}

/** Per desk: number of events held, highest seq: equal when the log is gapless. */
function logShape(desk: Desk): Record<string, [number, number]> {
  const rows = desk.db.prepare('SELECT desk, count(*) AS n, max(seq) AS top FROM events GROUP BY desk').all() as { desk: string; n: number; top: number }[];
  return Object.fromEntries(rows.map((r) => [r.desk, [r.n, r.top]]));
}

function localAction(desk: Desk, index: number, kind: number, p: number, people: string[]): NewEvent | null {
  const id = people[p]!;
  switch (kind) {
    case 0:
      return { type: 'checkin.recorded', body: { participant: id, via: 'search' } };
    case 1:
      return { type: 'participant.edited', body: { id, name: `Nama ${index}-${p}`, prev: desk.view.get(id)?.lastWrite ?? null } };
    case 2:
      return { type: 'participant.registered', body: { id: `walkin${index}x${p}`, ...person({ nib: null, name: `Walk-in ${index}-${p}` }), prev: null } };
    default: {
      const standing = desk.view.get(id)?.checkins ?? [];
      if (standing.length === 0) return null;
      return { type: 'checkin.voided', body: { participant: id, checkins: standing.map((c) => c.id), reason: 'salah orang' } };
    }
  }
}

describe('replication simulation', () => {
  it('converges to identical logs and derived state under partitions, faults, crashes and skew', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        let time = 1_716_253_200_000;
        const first = dirs.make();
        const origin = openEventDesk(first, Array.from({ length: PEOPLE }, (_, i) => person({ nib: `012345678901${i}` })));
        const people = [...origin.view.all()].map((p) => p.id).sort();
        const secret = origin.secret;
        origin.close();
        const desks = Array.from({ length: s.desks }, (_, i) => new SimDesk(i === 0 ? first : dirs.make(), () => time + s.skews[i]!, secret));
        let links: SimLink[] = [];
        const confirmed = new Set<string>(Object.entries(desks[0]!.desk.store.vector()).map(([d, n]) => `${d}:${n}`));
        let group: number[] | null = null;
        const previous = desks.map(() => ({}) as Record<string, number>);

        const liveLinks = () => (links = links.filter((l) => !l.closed));
        const connect = (a: number, b: number) => {
          if (a === b || (group && group[a] !== group[b])) return;
          if (liveLinks().some((l) => (l.a === desks[a] && l.b === desks[b]) || (l.a === desks[b] && l.b === desks[a]))) return;
          links.push(new SimLink(desks[a]!, desks[b]!));
        };
        const check = () => {
          desks.forEach((d, i) => {
            const v = d.desk.store.vector();
            for (const [desk, seq] of Object.entries(previous[i]!)) expect(v[desk] ?? 0).toBeGreaterThanOrEqual(seq);
            previous[i] = v;
            for (const [desk, [n, top]] of Object.entries(logShape(d.desk))) {
              expect(n, `gapless log of ${desk}`).toBe(top);
              expect(v[desk]).toBe(top);
            }
          });
        };

        for (const st of s.steps) {
          switch (st.k) {
            case 'act': {
              const d = desks[st.d % desks.length]!;
              const event = localAction(d.desk, st.d % desks.length, st.kind, st.p, people);
              if (!event) break;
              d.desk.record([event], `op${st.d}`);
              confirmed.add(`${d.desk.id}:${d.desk.store.vector()[d.desk.id]}`);
              break;
            }
            case 'connect':
              connect(st.a % desks.length, st.b % desks.length);
              break;
            case 'deliver':
            case 'settle':
            case 'drop':
            case 'disconnect': {
              const live = liveLinks();
              if (live.length === 0) break;
              const link = live[st.l % live.length]!;
              if (st.k === 'deliver') link.deliver(st.toServer, st.i, st.dup);
              else if (st.k === 'settle') link.flush();
              else if (st.k === 'drop') link.drop(st.toServer, st.i);
              else link.close();
              break;
            }
            case 'crash': {
              const d = desks[st.d % desks.length]!;
              for (const l of liveLinks()) if (l.a === d || l.b === d) l.close();
              d.reopen();
              break;
            }
            case 'partition':
              group = desks.map((_, i) => (st.mask >> i) & 1);
              for (const l of liveLinks()) if (group[desks.indexOf(l.a)] !== group[desks.indexOf(l.b)]) l.close();
              break;
            case 'heal':
              group = null;
              break;
            case 'tick':
              time += st.ms;
              break;
          }
          check();
        }

        // Heal: every link is reset, then desks reconnect along a chain or as a full mesh.
        group = null;
        for (const l of liveLinks()) l.close();
        const order = desks.map((_, i) => i).sort((x, y) => s.order[x]! - s.order[y]! || x - y);
        if (s.chain) for (let i = 1; i < order.length; i++) connect(order[i - 1]!, order[i]!);
        else for (let a = 0; a < desks.length; a++) for (let b = a + 1; b < desks.length; b++) connect(a, b);
        for (let rounds = 0; liveLinks().some((l) => l.pending); rounds++) {
          expect(rounds).toBeLessThan(100_000);
          for (const l of links) if (l.pending) l.deliver(l.toServer.length > 0, 0);
        }
        check();

        const reference = desks[0]!.desk;
        for (const d of desks) {
          expect(d.desk.store.digest()).toBe(reference.store.digest());
          expect(derived(d.desk)).toBe(derived(reference));
        }
        const held = new Set(Object.entries(reference.store.vector()).flatMap(([d, n]) => Array.from({ length: n }, (_, i) => `${d}:${i + 1}`)));
        for (const id of confirmed) expect(held.has(id), `confirmed event ${id} reached every desk`).toBe(true);
        expect(reference.store.count()).toBe(held.size);
        for (const l of links) {
          expect(l.client.state).toBe('open');
          const contact = l.b.records.contacts().find((c) => c.desk === l.a.desk.id)!;
          expect(contact.clockOffsetMs).toBe(s.skews[desks.indexOf(l.a)]! - s.skews[desks.indexOf(l.b)]!);
        }
        expect(desks.every((d) => d.records.alarms().length === 0)).toBe(true);
        for (const l of links) l.close();
        for (const d of desks) d.desk.close();
        dirs.cleanup();
      }),
      propertyRuns(40),
    );
  });
});
