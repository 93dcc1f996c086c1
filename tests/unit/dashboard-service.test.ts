import { describe, expect, it } from 'vitest';
import { dispatch, parseInput } from '../../electron/core/api/dispatch';
import { Desk } from '../../electron/core/desk';
import { arrivalBuckets, queueEta, zoneOffsetMs } from '../../electron/core/services/dashboard-pace';
import { dashboard } from '../../electron/core/services/dashboard-service';
import { checkIn, registerWalkIn, voidCheckIn } from '../../electron/core/services/checkin-service';
import { signIn, unlockOrganizer } from '../../electron/core/services/event-service';
import { addCertificate, handOver, voidHandover } from '../../electron/core/services/handover-service';
import { status } from '../../electron/core/services/status-service';
import type { ParticipantFields } from '../../shared/events';
import { openEventDesk, person, PIN, SESSION } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** A WITA wall-clock time on the event day. */
const wita = (h: number, m = 0) => Date.UTC(2024, 4, 21, h - 8, m);

const nib = (i: number) => String(6300000000000 + i);
/** Ten in Tanah Laut (63.01), five in Banjarbaru (63.72), one without a regency, one from Tabalong (no target). */
const PEOPLE: ParticipantFields[] = [
  ...Array.from({ length: 10 }, (_, i) => person({ nib: nib(i), name: `Peserta Tala ${i}`, phone: null, regency: '63.01' })),
  ...Array.from({ length: 5 }, (_, i) => person({ nib: nib(10 + i), name: `Peserta Bjb ${i}`, phone: null, regency: '63.72' })),
  person({ nib: nib(15), name: 'Tanpa Kabupaten', phone: null, regency: null }),
  person({ nib: nib(16), name: 'Dari Tabalong', phone: null, regency: '63.09' }),
];

function clockDesk(start: number): { desk: Desk; at: (t: number) => void } {
  let now = start;
  const desk = openEventDesk(tempDir(), PEOPLE, { now: () => now });
  return { desk, at: (t) => (now = t) };
}

const arrive = (desk: Desk, i: number) => checkIn(desk, { nib: nib(i) });

describe('dashboard figures', () => {
  it('before anyone arrives: nothing present, a flat chart from the opening hour, no pace and no guess', () => {
    const { desk } = clockDesk(wita(7, 40));
    const d = dashboard(desk);
    expect(d).toMatchObject({ at: wita(7, 40), timezone: 'Asia/Makassar', present: 0, participants: 17, walkIns: 0, target: 1000 });
    expect(d.arrivals).toEqual({ bucketMinutes: 15, start: wita(7), counts: [0, 0, 0], outside: 0 });
    expect(d.eta).toEqual({ remaining: 17, perHour: 0, state: 'no_pace', at: null });
    expect(d.byRegency.find((r) => r.code === '63.01')).toMatchObject({ target: 160, participants: 10, present: 0, eta: { state: 'no_pace', remaining: 10 } });
    expect(d.lastHour).toEqual({ desks: [], operators: [] });
    expect(d.certificates).toEqual({ listed: 0, handedOwner: 0, handedRepresentative: 0, remaining: 0, notIssued: 0 });
    expect(d.conflicts).toEqual({ handover: 0, edit: 0 });
    expect(d.sync.desks).toEqual([{ id: desk.id, name: 'Meja 1', self: true, state: 'self', lastHeard: wita(7, 40), events: desk.store.count(), clockWarning: false }]);
  });

  it('arrivals per quarter hour in WITA, last hour per desk and operator, pace and ETA, unknown regencies', () => {
    const { desk, at } = clockDesk(wita(7, 30));
    const times = [wita(7, 50), wita(8, 5), wita(8, 10), wita(8, 40), wita(8, 55), wita(9, 0), wita(9, 10), wita(9, 20)];
    times.forEach((t, i) => {
      at(t);
      arrive(desk, i < 6 ? i : 4 + i); // six from Tanah Laut, two from Banjarbaru
    });
    signIn(desk, 'Budi');
    at(wita(9, 25));
    arrive(desk, 15); // no regency
    at(wita(9, 28));
    arrive(desk, 16); // Tabalong: no target
    at(wita(9, 30));
    const d = dashboard(desk);

    expect(d.present).toBe(10);
    // 07.00 … 09.30: eleven quarters, each arrival in its own.
    expect(d.arrivals.start).toBe(wita(7));
    expect(d.arrivals.counts).toEqual([0, 0, 0, 1, 2, 0, 1, 1, 2, 3, 0]);
    expect(d.arrivals.counts.reduce((a, b) => a + b, 0) + d.arrivals.outside).toBe(d.present);

    // The hour after 08.30: 08.40 … 09.28 is seven arrivals, two of them by Budi.
    expect(d.lastHour.desks).toEqual([{ desk: desk.id, deskName: 'Meja 1', checkins: 7, operators: 2 }]);
    expect(d.lastHour.operators).toEqual([
      { desk: desk.id, deskName: 'Meja 1', operator: 'Rina', checkins: 5 },
      { desk: desk.id, deskName: 'Meja 1', operator: 'Budi', checkins: 2 },
    ]);

    // Doors opened more than an hour ago: the pace is the last hour's 7 an hour; 7 still expected → one hour.
    expect(d.eta).toEqual({ remaining: 7, perHour: 7, state: 'estimate', at: wita(10, 30) });
    const tala = d.byRegency.find((r) => r.code === '63.01')!;
    // Tanah Laut's last hour: 08.40, 08.55, 09.00 → 3 an hour for the 4 left: 80 minutes.
    expect(tala).toMatchObject({ participants: 10, present: 6, eta: { remaining: 4, perHour: 3, state: 'estimate', at: wita(10, 50) } });
    expect(d.byRegency.find((r) => r.code === '63.09')).toMatchObject({ target: 0, participants: 1, present: 1, eta: { state: 'done', remaining: 0 } });
    expect(d.unknownRegency).toEqual({ participants: 1, present: 1 });

    // Two hours later nobody has come: no pace, plainly.
    at(wita(11, 30));
    expect(dashboard(desk).eta).toEqual({ remaining: 7, perHour: 0, state: 'no_pace', at: null });
  });

  it('takes the pace over at least ten minutes when the doors just opened', () => {
    const { desk, at } = clockDesk(wita(8));
    at(wita(8, 1));
    arrive(desk, 0);
    at(wita(8, 2));
    arrive(desk, 1);
    at(wita(8, 3));
    // Two in ten minutes is 12 an hour, not 60: 15 left take 75 minutes.
    expect(dashboard(desk).eta).toEqual({ remaining: 15, perHour: 12, state: 'estimate', at: wita(9, 18) });
  });

  it('a voided check-in is no arrival; walk-ins count, present at once', () => {
    const { desk, at } = clockDesk(wita(8));
    arrive(desk, 0);
    arrive(desk, 1);
    voidCheckIn(desk, parseInput('voidCheckIn', { participantId: desk.view.byNibValue(nib(1))!.id, reason: 'Salah orang' }));
    at(wita(8, 20));
    registerWalkIn(desk, parseInput('registerWalkIn', { nib: '6399999999999', name: 'Walk In', regency: '63.72' }));
    const d = dashboard(desk);
    expect(d).toMatchObject({ present: 2, walkIns: 1, participants: 18 });
    expect(d.arrivals.counts.slice(4)).toEqual([1, 1]);
    expect(d.lastHour.desks[0]!.checkins).toBe(2);
  });

  it('counts check-ins and handovers from another desk under that desk; a voided handover is back in the box', async () => {
    const { desk: a, at } = clockDesk(wita(8));
    const b = Desk.open(tempDir(), { now: () => wita(8, 30) });
    b.setMeta('event_secret', a.secret);
    b.store.ingest([...a.store.all()]);
    b.record([{ type: 'desk.named', body: { name: 'Meja 2' } }], 'panitia');
    signIn(b, 'Dewi');
    checkIn(b, { nib: nib(3) });
    checkIn(b, { nib: nib(4) });

    const owner = a.view.byNibValue(nib(3))!.id;
    const rep = a.view.byNibValue(nib(4))!.id;
    addCertificate(a, parseInput('addCertificate', { participantId: owner, number: 'ID63110000000000001' }));
    addCertificate(a, parseInput('addCertificate', { participantId: rep, number: 'ID63110000000000002' }));
    addCertificate(a, parseInput('addCertificate', { participantId: a.view.byNibValue(nib(5))!.id, number: 'ID63110000000000003' }));
    addCertificate(a, parseInput('addCertificate', { participantId: a.view.byNibValue(nib(6))!.id, number: 'ID63110000000000004', status: 'belum_terbit' }));
    b.store.ingest([...a.store.all()]);
    b.refresh();
    await handOver(b, parseInput('handOver', { participantId: owner, number: 'ID63110000000000001', recipient: { kind: 'owner' }, signature: 'M1 1L2 2' }));
    await handOver(b, parseInput('handOver', { participantId: rep, number: 'ID63110000000000002', recipient: { kind: 'representative', name: 'Ahmad', relationship: 'Anak' }, signature: 'M1 1L2 2' }));
    a.store.ingest([...b.store.all()]);
    a.refresh();

    at(wita(8, 35));
    let d = dashboard(a);
    expect(d.present).toBe(2);
    expect(d.lastHour.desks).toEqual([{ desk: b.id, deskName: 'Meja 2', checkins: 2, operators: 1 }]);
    expect(d.lastHour.operators).toEqual([{ desk: b.id, deskName: 'Meja 2', operator: 'Dewi', checkins: 2 }]);
    expect(d.certificates).toEqual({ listed: 4, handedOwner: 1, handedRepresentative: 1, remaining: 1, notIssued: 1 });
    expect(d.sync.desks.map((s) => [s.name, s.state, s.lastHeard])).toEqual([
      ['Meja 1', 'self', wita(8)],
      ['Meja 2', 'recent', wita(8, 30)],
    ]);

    const handedId = a.certificates.byNumberValue('ID63110000000000002')!.id;
    voidHandover(a, parseInput('voidHandover', { certificateId: handedId, reason: 'Bukan penerima kuasa yang sah' }));
    d = dashboard(a);
    expect(d.certificates).toEqual({ listed: 4, handedOwner: 1, handedRepresentative: 0, remaining: 2, notIssued: 1 });

    // An hour on, Meja 2 has been quiet too long; its figures stay, its last hour is empty.
    at(wita(9, 45));
    d = dashboard(a);
    expect(d.sync.desks[1]).toMatchObject({ name: 'Meja 2', state: 'quiet', events: b.store.vector()[b.id] });
    expect(d.lastHour.desks).toEqual([]);
    b.close();
  });

  it('loket status and the dashboard share their figures', () => {
    const { desk, at } = clockDesk(wita(8));
    arrive(desk, 0);
    arrive(desk, 10);
    at(wita(8, 30));
    const s = status(desk);
    const d = dashboard(desk, { base: s });
    expect(d.present).toBe(s.checkedIn);
    expect(d.byRegency.map((r) => [r.code, r.target, r.participants, r.present])).toEqual(s.byRegency.map((r) => [r.code, r.target, r.participants, r.checkedIn]));
    expect(d.sync.digest).toBe(s.digest);
    expect(dashboard(desk)).toEqual(d);
  });

  it('the big screen carries no personal data and needs no PIN; the full dashboard needs the organizer', async () => {
    const { desk, at } = clockDesk(wita(8));
    for (let i = 0; i < 4; i++) arrive(desk, i);
    at(wita(8, 30));
    expect(await dispatch(desk, 'dashboard', {})).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
    const big = await dispatch(desk, 'dashboard', { bigScreen: true });
    if (!big.ok) throw new Error(big.error.code);
    expect(big.value.lastHour.operators).toBeNull();
    expect(big.value.lastHour.desks).toEqual([{ desk: desk.id, deskName: 'Meja 1', checkins: 4, operators: 1 }]);
    const text = JSON.stringify(big.value);
    for (const p of PEOPLE) {
      expect(text).not.toContain(p.name);
      expect(text).not.toContain(p.nib!);
    }
    expect(text).not.toContain('Rina');

    await unlockOrganizer(desk, PIN, SESSION);
    const full = await dispatch(desk, 'dashboard', {}, SESSION);
    if (!full.ok) throw new Error(full.error.code);
    expect(full.value.lastHour.operators).toEqual([{ desk: desk.id, deskName: 'Meja 1', operator: 'Rina', checkins: 4 }]);
  });
});

describe('quarter hours and pace', () => {
  it('buckets follow the event zone, arrivals on other days are counted apart', () => {
    expect(zoneOffsetMs('Asia/Makassar', wita(9))).toBe(8 * 3600_000);
    expect(zoneOffsetMs('Asia/Jakarta', wita(9))).toBe(7 * 3600_000);
    // Indonesia's zones skip the ICU lookup; they must agree with it, and any other zone still uses it.
    const icu = (timeZone: string, at: number) => {
      const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
      const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name)!;
      return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600_000 + Number(m[3]) * 60_000);
    };
    for (const zone of ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura']) {
      for (const at of [wita(9), Date.UTC(2024, 0, 1), Date.UTC(2024, 6, 1), Date.UTC(2030, 11, 31)]) expect(zoneOffsetMs(zone, at)).toBe(icu(zone, at));
    }
    expect(zoneOffsetMs('Europe/Berlin', Date.UTC(2024, 6, 1))).toBe(2 * 3600_000);
    expect(zoneOffsetMs('Europe/Berlin', Date.UTC(2024, 0, 1))).toBe(1 * 3600_000);
    const a = (at: number) => ({ at, desk: 'd', operator: 'o', regency: null });
    // 06.50 WITA is before the opening hour: the chart starts at its quarter; the previous evening is outside.
    const b = arrivalBuckets([a(wita(6, 50)), a(wita(7, 14)), a(wita(7, 15)), a(wita(-1))], wita(7, 20), 'Asia/Makassar');
    expect(b).toEqual({ bucketMinutes: 15, start: wita(6, 45), counts: [1, 1, 1], outside: 1 });
    // In WIB the same moments fall an hour earlier on the wall clock: 05.50 is before 07.00, and so on.
    const wib = arrivalBuckets([a(wita(6, 50))], wita(7, 20), 'Asia/Jakarta');
    expect(wib.start).toBe(wita(6, 45));
    expect(wib.counts.length).toBe(3);
    // A desk whose clock runs ahead: its arrival extends the chart rather than vanishing.
    expect(arrivalBuckets([a(wita(9, 40))], wita(9, 20), 'Asia/Makassar').counts.slice(-3)).toEqual([0, 0, 1]);
  });

  it('no one left is done, whatever the pace', () => {
    expect(queueEta([], 0, wita(9), null)).toEqual({ remaining: 0, perHour: 0, state: 'done', at: null });
    expect(queueEta([{ at: wita(8, 59), desk: 'd', operator: 'o', regency: null }], 3, wita(9), wita(7))).toMatchObject({ state: 'estimate', perHour: 1, at: wita(12) });
  });
});
