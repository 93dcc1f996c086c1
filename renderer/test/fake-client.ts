import { vi } from 'vitest';
import type {
  CheckinOutcome,
  DeskInfo,
  LoketClient,
  ParticipantDetail,
  ParticipantSummary,
  Status,
} from '../../shared/api';
import { LoketClientError } from '../src/lib/client';

/** 09.30 WITA on the event day. */
export const AT_0930 = Date.UTC(2024, 4, 21, 1, 30);
/** 08.15 WITA on the event day. */
export const AT_0815 = Date.UTC(2024, 4, 21, 0, 15);

export function person(over: Partial<ParticipantDetail> & { id: string; name: string }): ParticipantDetail {
  return {
    nib: null,
    business: '',
    regency: '63.72',
    regencyName: 'Kota Banjarbaru',
    phone: null,
    walkIn: false,
    present: false,
    checkin: null,
    district: '',
    address: '',
    productType: '',
    productName: '',
    source: null,
    history: [],
    editConflicts: [],
    ...over,
  };
}

export const DESK_INFO: DeskInfo = {
  event: {
    eventId: 'evt-test-0001',
    name: 'Percepatan Fasilitasi 1000 Sertifikasi Halal Self Declare',
    date: '2024-05-21',
    venue: 'Aula Idham Khalid',
    timezone: 'Asia/Makassar',
    nibRequired: true,
    demo: false,
    regencies: [
      { code: '63.71', name: 'Kota Banjarmasin', target: 200 },
      { code: '63.72', name: 'Kota Banjarbaru', target: 160 },
    ],
  },
  desk: { id: 'desk-a', name: 'Meja 1', operator: 'Rina', dataDir: '/tmp/x', events: 10 },
  lang: 'id',
  organizerUntil: null,
};

const summary = (p: ParticipantDetail): ParticipantSummary => ({
  id: p.id,
  nib: p.nib,
  name: p.name,
  business: p.business,
  regency: p.regency,
  regencyName: p.regencyName,
  phone: p.phone,
  walkIn: p.walkIn,
  present: p.present,
  checkin: p.checkin,
});

/** An in-memory desk: enough of the contract for the check-in screen. */
export function fakeClient(people: ParticipantDetail[]) {
  const byId = new Map(people.map((p) => [p.id, structuredClone(p)]));
  const status = (): Status => {
    const all = [...byId.values()];
    return {
      participants: all.length,
      checkedIn: all.filter((p) => p.present).length,
      walkIns: 0,
      byRegency: DESK_INFO.event!.regencies.map((r) => ({
        ...r,
        participants: all.filter((p) => p.regency === r.code).length,
        checkedIn: all.filter((p) => p.regency === r.code && p.present).length,
      })),
      unknownRegency: { participants: 0, checkedIn: 0 },
      desk: DESK_INFO.desk,
    };
  };
  const client = {
    deskInfo: vi.fn(async () => DESK_INFO),
    status: vi.fn(async () => status()),
    search: vi.fn(async ({ query }: { query: string }) => {
      const q = query.toLowerCase().replace(/\s+/g, '');
      return [...byId.values()]
        .filter((p) => [p.name, p.business, p.nib ?? ''].some((f) => f.toLowerCase().replace(/\s+/g, '').includes(q)))
        .map(summary);
    }),
    participant: vi.fn(async ({ id }: { id: string }) => {
      const p = byId.get(id);
      if (!p) throw new LoketClientError('participant_not_found');
      return structuredClone(p);
    }),
    checkIn: vi.fn(async (input: { participantId?: string; nib?: string; via?: string }): Promise<CheckinOutcome> => {
      const p = input.participantId ? byId.get(input.participantId) : undefined;
      if (!p) throw new LoketClientError('participant_not_found');
      if (p.present) return { status: 'already_present', participant: structuredClone(p) };
      p.present = true;
      p.checkin = { id: 'desk-a:99', at: AT_0930, desk: 'desk-a', deskName: 'Meja 1', operator: 'Rina', via: input.via ?? 'search' };
      return { status: 'checked_in', participant: structuredClone(p) };
    }),
  };
  return client as typeof client & LoketClient;
}
