import type { Dashboard } from '../../shared/api';
import { AT_0930 } from './fake-client';

/** 07.00 WITA on the event day. */
export const AT_0700 = Date.UTC(2024, 4, 20, 23, 0);

/** Two desks at 09.30 WITA: Meja 2 checked in most of the last hour; 10.30 WITA at this pace. */
export function dashboardAt0930(over: Partial<Dashboard> = {}): Dashboard {
  return {
    at: AT_0930,
    timezone: 'Asia/Makassar',
    bigScreen: false,
    target: 360,
    participants: 300,
    present: 123,
    walkIns: 4,
    byRegency: [
      { code: '63.71', name: 'Kota Banjarmasin', target: 200, participants: 180, present: 100, eta: { remaining: 80, perHour: 40, state: 'estimate', at: AT_0930 + 2 * 3600_000 } },
      { code: '63.72', name: 'Kota Banjarbaru', target: 160, participants: 120, present: 23, eta: { remaining: 97, perHour: 0, state: 'no_pace', at: null } },
    ],
    unknownRegency: { participants: 0, present: 0 },
    arrivals: { bucketMinutes: 15, start: AT_0700, counts: [0, 2, 5, 9, 14, 20, 18, 15, 12, 10, 18], outside: 0 },
    certificates: { listed: 150, handedOwner: 31, handedRepresentative: 6, remaining: 110, notIssued: 3 },
    lastHour: {
      desks: [
        { desk: 'desk-b', deskName: 'Meja 2', checkins: 33, operators: 1 },
        { desk: 'desk-a', deskName: 'Meja 1', checkins: 22, operators: 2 },
      ],
      operators: [
        { desk: 'desk-b', deskName: 'Meja 2', operator: 'Dewi Sartika', checkins: 33 },
        { desk: 'desk-a', deskName: 'Meja 1', operator: 'Rina', checkins: 15 },
        { desk: 'desk-a', deskName: 'Meja 1', operator: 'Budi', checkins: 7 },
      ],
    },
    conflicts: { handover: 1, edit: 0 },
    sync: {
      desks: [
        { id: 'desk-a', name: 'Meja 1', self: true, state: 'self', lastHeard: AT_0930, events: 400, clockWarning: false },
        { id: 'desk-b', name: 'Meja 2', self: false, state: 'live', lastHeard: AT_0930 - 20_000, events: 380, clockWarning: false },
        { id: 'desk-c', name: 'Meja 3', self: false, state: 'quiet', lastHeard: AT_0930 - 45 * 60_000, events: 12, clockWarning: true },
      ],
      alarms: 0,
      digest: 'abc',
    },
    eta: { remaining: 177, perHour: 55, state: 'estimate', at: AT_0930 + 3 * 3600_000 + 13 * 60_000 },
    ...over,
  };
}

/** What the core sends to the big screen: the same figures without operator names. */
export function bigScreenOf(d: Dashboard): Dashboard {
  return { ...d, bigScreen: true, lastHour: { desks: d.lastHour.desks, operators: null } };
}
