import fc from 'fast-check';
import { encodeHlc } from '../../shared/hlc';
import type { LogEvent, NewEvent, ParticipantFields } from '../../shared/events';

/**
 * Random but well-formed event histories across several desks: participants created, edited,
 * checked in and voided, with concurrent writes. Each desk's events are gapless and increasing.
 */
const DESKS = ['deskaaaaaaaaaaaaaaaaaaaaaa', 'deskbbbbbbbbbbbbbbbbbbbbbb', 'deskcccccccccccccccccccccc'];
const PEOPLE = ['pppppppppppp0001', 'pppppppppppp0002', 'pppppppppppp0003', 'pppppppppppp0004'];

function fields(person: number, variant: number): ParticipantFields {
  return {
    nib: `${String(person).padStart(12, '0')}${variant % 10}`,
    name: `Nama ${person}-${variant}`,
    business: `Usaha ${variant}`,
    phone: variant % 2 ? '+6281234567890' : null,
    regency: variant % 3 ? '63.03' : '63.71',
    district: '',
    address: '',
    productType: '',
    productName: '',
  };
}

const action = fc.record({
  desk: fc.nat({ max: DESKS.length - 1 }),
  person: fc.nat({ max: PEOPLE.length - 1 }),
  kind: fc.constantFrom('import', 'register', 'edit', 'checkin', 'void', 'certificate', 'handover', 'unhand', 'resolve'),
  variant: fc.nat({ max: 9 }),
  /** Small clock steps, equal wall times included, so HLC ties really happen. */
  step: fc.nat({ max: 3 }),
});

export const historyArb = fc.array(action, { minLength: 1, maxLength: 60 }).map((actions) => {
  const seqs = DESKS.map(() => 0);
  const clocks = DESKS.map(() => 1_716_253_200_000);
  const events: LogEvent[] = [];
  const seen = new Map<string, string[]>();
  const handovers = new Map<string, string[]>();
  for (const a of actions) {
    const desk = DESKS[a.desk]!;
    const person = PEOPLE[a.person]!;
    clocks[a.desk]! += a.step;
    const prior = events.filter((e) => e.desk === desk && 'body' in e);
    const last = (type: string) =>
      [...prior].reverse().find((e) => e.type.startsWith(type) && JSON.stringify(e.body).includes(person));
    let body: NewEvent;
    const cert = `cert${person.slice(-12)}`;
    const handed = handovers.get(`${desk}|${cert}`) ?? [];
    switch (a.kind) {
      case 'certificate':
        body = {
          type: 'certificate.added',
          body: { id: cert, participant: person, number: `ID6311000000000${String(a.person).padStart(4, '0')}`, products: [`P${a.variant}`], issueDate: null, status: a.variant % 4 ? 'tersedia' : 'belum_terbit', source: null, prev: null },
        };
        break;
      case 'handover':
        body = {
          type: 'certificate.handed_over',
          body: { certificate: cert, participant: person, recipient: { kind: a.variant % 2 ? 'owner' : 'representative', name: `R${a.variant}`, relationship: null, idNumberMasked: null, letterShown: false }, signature: 'M0 0L1 1', photo: null, overrideReason: null },
        };
        break;
      case 'unhand':
        if (handed.length === 0) continue;
        body = { type: 'certificate.handover_voided', body: { certificate: cert, handovers: [...handed], reason: 'salah' } };
        handovers.set(`${desk}|${cert}`, []);
        break;
      case 'resolve':
        if (handed.length < 2) continue;
        body = { type: 'conflict.resolved', body: { certificate: cert, keep: handed[a.variant % handed.length]!, drop: [...handed], reason: 'dipilih' } };
        break;
      case 'import':
      case 'register': {
        const prev = last('participant.');
        const base = { id: person, ...fields(a.person, a.variant), prev: prev ? `${prev.desk}:${prev.seq}` : null };
        body =
          a.kind === 'import'
            ? { type: 'participant.imported', body: { ...base, source: { file: 'f.xlsx', sheet: 'S', row: a.variant + 2 } } }
            : { type: 'participant.registered', body: base };
        break;
      }
      case 'edit': {
        const prev = last('participant.');
        body = { type: 'participant.edited', body: { id: person, name: `Ubah ${a.variant}`, prev: prev ? `${prev.desk}:${prev.seq}` : null } };
        break;
      }
      case 'checkin':
        body = { type: 'checkin.recorded', body: { participant: person, via: 'search' } };
        break;
      case 'void': {
        const standing = seen.get(`${desk}|${person}`) ?? [];
        if (standing.length === 0) continue;
        body = { type: 'checkin.voided', body: { participant: person, checkins: [...standing], reason: 'salah orang' } };
        seen.set(`${desk}|${person}`, []);
        break;
      }
    }
    const seq = ++seqs[a.desk]!;
    const e = { desk, seq, hlc: encodeHlc({ wall: clocks[a.desk]!, counter: 0 }), operator: `op${a.desk}`, ...body } as LogEvent;
    if (e.type === 'certificate.handed_over') {
      const key = `${desk}|${e.body.certificate}`;
      handovers.set(key, [...(handovers.get(key) ?? []), `${desk}:${seq}`]);
    }
    if (e.type === 'checkin.recorded') seen.set(`${desk}|${person}`, [...(seen.get(`${desk}|${person}`) ?? []), `${desk}:${seq}`]);
    events.push(e);
  }
  return events;
});
