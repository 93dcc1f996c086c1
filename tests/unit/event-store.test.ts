import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldAll } from '../../shared/fold';
import type { LogEvent } from '../../shared/events';
import { Desk } from '../../electron/core/desk';
import { historyArb } from '../helpers/event-arbitrary';
import { useTempDirs } from '../helpers/temp-dir';
import { propertyRuns } from '../helpers/property-runs';

const tempDir = useTempDirs();

function derivedParticipants(desk: Desk): Record<string, unknown> {
  const rows = desk.db.prepare('SELECT id, state FROM participants ORDER BY id').all() as { id: string; state: string }[];
  return Object.fromEntries(rows.map((r) => [r.id, JSON.parse(r.state)]));
}

function derivedCertificates(desk: Desk): Record<string, unknown> {
  const rows = desk.db.prepare("SELECT state FROM subjects WHERE subject LIKE 'c:%'").pluck().all() as string[];
  return Object.fromEntries(rows.map((r) => JSON.parse(r)).map((c: { id: string }) => [c.id, c]));
}

function contiguousVector(events: readonly LogEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  const byDesk = new Map<string, Set<number>>();
  for (const e of events) byDesk.set(e.desk, (byDesk.get(e.desk) ?? new Set()).add(e.seq));
  for (const [desk, seqs] of byDesk) {
    let n = 0;
    while (seqs.has(n + 1)) n++;
    if (n > 0) out[desk] = n;
  }
  return out;
}

describe('event store', () => {
  it('appends with a gapless sequence and refuses to change or delete the log', () => {
    const desk = Desk.open(tempDir());
    desk.record([{ type: 'desk.named', body: { name: 'Meja 1' } }], 'Rina');
    desk.record([{ type: 'operator.signed_in', body: { name: 'Rina' } }, { type: 'desk.named', body: { name: 'Meja 2' } }], 'Rina');
    expect(desk.store.vector()).toEqual({ [desk.id]: 3 });
    expect(desk.deskName(desk.id)).toBe('Meja 2');
    expect(() => desk.db.prepare("UPDATE events SET operator = 'x'").run()).toThrow(/append-only/);
    expect(() => desk.db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    desk.close();
  });

  it('derives the same state incrementally, in any batches and order, as a fold of the whole set', () => {
    fc.assert(
      fc.property(historyArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (events, cuts) => {
        const desk = Desk.open(tempDir());
        // Deliver in reverse, in uneven batches, with every batch sent twice.
        const reversed = [...events].reverse();
        let at = 0;
        for (const cut of cuts) {
          const batch = reversed.slice(at, at + 1 + (cut % 7));
          desk.store.ingest(batch);
          desk.store.ingest(batch);
          at += batch.length;
        }
        desk.store.ingest(reversed.slice(at));
        expect(derivedParticipants(desk)).toEqual(foldAll(events).participants);
        expect(derivedCertificates(desk)).toEqual(foldAll(events).certificates);
        expect(desk.store.vector()).toEqual(contiguousVector(events));
        expect(desk.store.count()).toBe(events.length);
        desk.close();
      }),
      propertyRuns(40),
    );
  });

  it('advances the vector only over gap-free sequences', () => {
    const desk = Desk.open(tempDir());
    const e = (seq: number): LogEvent => ({
      desk: 'remotedesk000000000000000',
      seq,
      hlc: `00171625320000${seq}.000000`,
      operator: 'x',
      type: 'desk.named',
      body: { name: `M${seq}` },
    });
    desk.store.ingest([e(1), e(3)]);
    expect(desk.store.vector()['remotedesk000000000000000']).toBe(1);
    desk.store.ingest([e(2)]);
    expect(desk.store.vector()['remotedesk000000000000000']).toBe(3);
    desk.close();
  });

  it('never overwrites an event and reports the same (desk, seq) with other content', () => {
    const desk = Desk.open(tempDir());
    const original: LogEvent = { desk: 'remotedesk000000000000000', seq: 1, hlc: '001716253200000.000000', operator: 'x', type: 'desk.named', body: { name: 'Asli' } };
    desk.store.ingest([original]);
    const forged = { ...original, body: { name: 'Palsu' } };
    expect(desk.store.ingest([forged])).toEqual({ inserted: 0, duplicates: 0, conflicts: [{ desk: original.desk, seq: 1 }] });
    expect(desk.store.ingest([original])).toEqual({ inserted: 0, duplicates: 1, conflicts: [] });
    expect(desk.deskName(original.desk)).toBe('Asli');
    desk.close();
  });

  it('converges: two desks fed the same events in different orders hold identical logs and state', () => {
    fc.assert(
      fc.property(historyArb, (events) => {
        const a = Desk.open(tempDir());
        const b = Desk.open(tempDir());
        a.store.ingest(events);
        for (const e of [...events].reverse()) b.store.ingest([e]);
        expect(a.store.digest()).toBe(b.store.digest());
        expect(derivedParticipants(a)).toEqual(derivedParticipants(b));
        a.close();
        b.close();
      }),
      propertyRuns(25),
    );
  });

  it('derives a catch-up backlog once at the end, shows nothing of it before, and finishes it on the next open', () => {
    fc.assert(
      fc.property(historyArb, fc.nat(), (events, cut) => {
        const whole = Desk.open(tempDir());
        whole.store.ingest(events);
        const dir = tempDir();
        const desk = Desk.open(dir);
        const at = cut % (events.length + 1);
        desk.store.ingest(events.slice(0, at), { derive: false });
        // Stored and counted in the vector, but no derived row yet and nothing past the backlog for the view.
        expect(derivedParticipants(desk)).toEqual({});
        expect(desk.store.changedSince(0).subjects).toEqual(new Set());
        if (at > 0) expect(desk.store.vector()).toEqual(contiguousVector(events.slice(0, at)));
        // The desk is cut off here; reopened, it derives what the batches left before anything reads.
        desk.close();
        const reopened = Desk.open(dir);
        const part = Desk.open(tempDir());
        part.store.ingest(events.slice(0, at));
        expect(derivedParticipants(reopened)).toEqual(derivedParticipants(part));
        part.close();
        const { inserted } = reopened.store.ingest(events.slice(at), { derive: false });
        expect(reopened.store.deriveBacklog() > 0).toBe(inserted > 0);
        expect(reopened.store.deriveBacklog()).toBe(0);
        expect(reopened.store.digest()).toBe(whole.store.digest());
        expect(derivedParticipants(reopened)).toEqual(derivedParticipants(whole));
        expect(derivedCertificates(reopened)).toEqual(derivedCertificates(whole));
        whole.close();
        reopened.close();
      }),
      propertyRuns(25),
    );
  });
});

