import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc';
import type { LogEvent } from '../../shared/events';
import { foldAll, foldParticipant } from '../../shared/fold';
import { historyArb } from '../helpers/event-arbitrary';
import { propertyRuns } from '../helpers/property-runs';

const hlc = (ms: number) => encodeHlc({ wall: 1_716_253_200_000 + ms, counter: 0 });
const fields = {
  nib: '0123456789012',
  name: 'Siti Aminah',
  business: 'Dapur Siti',
  phone: null,
  regency: '63.72',
  district: '',
  address: '',
  productType: '',
  productName: '',
};

describe('fold', () => {
  it('gives the same state for every arrival order of the same events', () => {
    fc.assert(
      fc.property(historyArb, fc.nat(), (events, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), {
          seed,
          numRuns: 1,
        })[0]!;
        expect(foldAll(shuffled)).toEqual(foldAll(events));
      }),
      propertyRuns(300),
    );
  });

  it('keeps a participant present while any check-in is not voided', () => {
    const events: LogEvent[] = [
      { desk: 'deskA0000', seq: 1, hlc: hlc(0), operator: 'a', type: 'participant.imported', body: { id: 'p0000000001', ...fields, source: { file: 'x', sheet: 'S', row: 2 }, prev: null } },
      { desk: 'deskA0000', seq: 2, hlc: hlc(10), operator: 'a', type: 'checkin.recorded', body: { participant: 'p0000000001', via: 'search' } },
      { desk: 'deskB0000', seq: 1, hlc: hlc(11), operator: 'b', type: 'checkin.recorded', body: { participant: 'p0000000001', via: 'nib' } },
      { desk: 'deskA0000', seq: 3, hlc: hlc(20), operator: 'a', type: 'checkin.voided', body: { participant: 'p0000000001', checkins: ['deskA0000:2'], reason: 'keliru' } },
    ];
    const p = foldParticipant(events)!;
    // The void named only desk A's check-in; desk B's, made without seeing it, stands.
    expect(p.checkins.map((c) => c.id)).toEqual(['deskB0000:1']);
    expect(p.voids).toHaveLength(1);
  });

  it('flags two edits of a field made without seeing each other, and applies the later one', () => {
    const created: LogEvent = { desk: 'deskA0000', seq: 1, hlc: hlc(0), operator: 'a', type: 'participant.imported', body: { id: 'p0000000001', ...fields, source: { file: 'x', sheet: 'S', row: 2 }, prev: null } };
    const editA: LogEvent = { desk: 'deskA0000', seq: 2, hlc: hlc(5), operator: 'a', type: 'participant.edited', body: { id: 'p0000000001', name: 'Siti A.', prev: 'deskA0000:1' } };
    const editB: LogEvent = { desk: 'deskB0000', seq: 1, hlc: hlc(6), operator: 'b', type: 'participant.edited', body: { id: 'p0000000001', name: 'Hj. Siti', prev: 'deskA0000:1' } };
    const p = foldParticipant([editB, created, editA])!;
    expect(p.name).toBe('Hj. Siti');
    expect(p.editConflicts).toEqual([{ field: 'name', events: ['deskA0000:2', 'deskB0000:1'] }]);
    const sequential: LogEvent = { ...editB, body: { ...editB.body, prev: 'deskA0000:2' } };
    expect(foldParticipant([created, editA, sequential])!.editConflicts).toEqual([]);
  });

  it('waits for the participant before showing a check-in that arrived first', () => {
    const checkin: LogEvent = { desk: 'deskB0000', seq: 1, hlc: hlc(1), operator: 'b', type: 'checkin.recorded', body: { participant: 'p0000000001', via: 'search' } };
    expect(foldParticipant([checkin])).toBeNull();
  });
});
