import { generateParticipants } from '../../electron/core/demo/participants';
import { Desk } from '../../electron/core/desk';
import { createEvent, signIn } from '../../electron/core/services/event-service';
import type { ParticipantFields } from '../../shared/events';
import { participantIdFor } from '../../electron/core/ids';

export const PIN = '24681012';
/** A page's session token, for tests that call the API as one client would. */
export const SESSION = 'test-page-session-token-0001';

export function person(overrides: Partial<ParticipantFields> = {}): ParticipantFields {
  return {
    nib: '0123456789012',
    name: "Nur'aini Ramadhani",
    business: 'Olahan Mandiri Roti',
    phone: '+6281350594909',
    regency: '63.01',
    district: 'Takisung',
    address: 'Jl. Pramuka No. 171',
    productType: 'Makanan',
    productName: 'Roti Pisang Kukus',
    ...overrides,
  };
}

/** A desk with an event, an operator signed in and the given participants imported. */
export function openEventDesk(dir: string, people: ParticipantFields[] = [], options: { nibRequired?: boolean; now?: () => number } = {}): Desk {
  const desk = Desk.open(dir, options.now ? { now: options.now } : {});
  createEvent(desk, {
    name: 'Percepatan Fasilitasi 1000 Sertifikasi Halal',
    date: '2024-05-21',
    venue: 'Banjarbaru',
    timezone: 'Asia/Makassar',
    nibRequired: options.nibRequired ?? true,
    pin: PIN,
    deskName: 'Meja 1',
  });
  signIn(desk, 'Rina');
  if (people.length) {
    desk.record(
      people.map((fields, i) => ({
        type: 'participant.imported' as const,
        body: { id: participantIdFor(desk.secret, fields.nib!), ...fields, source: { file: 'daftar.xlsx', sheet: 'TALA', row: i + 5 }, prev: null },
      })),
      'Rina',
    );
  }
  return desk;
}

/** `count` generated participants imported in one append (the replication tests' bulk). */
export function importGenerated(desk: Desk, count: number, seed: number): void {
  desk.record(
    generateParticipants(count, seed).map((fields, i) => ({
      type: 'participant.imported' as const,
      body: { id: participantIdFor(desk.secret, fields.nib!), ...fields, source: { file: 'daftar.xlsx', sheet: 'S', row: i + 2 }, prev: null },
    })),
    'Rina',
  );
}
