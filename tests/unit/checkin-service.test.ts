import { describe, expect, it } from 'vitest';
import { LoketError } from '../../shared/errors';
import { checkIn, registerWalkIn, voidCheckIn } from '../../electron/core/services/checkin-service';
import { signOut, unlockOrganizer } from '../../electron/core/services/event-service';
import { search, status } from '../../electron/core/services/status-service';
import { dispatch } from '../../electron/core/api/dispatch';
import { openEventDesk, person, PIN, SESSION } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof LoketError) return error.code;
    throw error;
  }
  throw new Error('expected a LoketError');
}

describe('check-in', () => {
  it('records an arrival once, and a second attempt shows when, where and by whom', () => {
    const desk = openEventDesk(tempDir(), [person()]);
    const first = checkIn(desk, { nib: '0123456789012' });
    expect(first.status).toBe('checked_in');
    expect(first.participant.present).toBe(true);
    const logged = desk.store.count();
    const again = checkIn(desk, { nib: '0123 4567 89012' });
    expect(again.status).toBe('already_present');
    expect(again.participant.checkin).toMatchObject({ deskName: 'Meja 1', operator: 'Rina', desk: desk.id });
    expect(desk.store.count()).toBe(logged);
    desk.close();
  });

  it('refuses a malformed NIB and an unknown one with their own messages', () => {
    const desk = openEventDesk(tempDir(), [person()]);
    expect(codeOf(() => checkIn(desk, { nib: '12345' }))).toBe('nib_invalid');
    expect(codeOf(() => checkIn(desk, { nib: '9999999999999' }))).toBe('participant_not_found');
    desk.close();
  });

  it('needs a signed-in operator, and records that operator', () => {
    const desk = openEventDesk(tempDir(), [person()]);
    signOut(desk);
    expect(codeOf(() => checkIn(desk, { nib: '0123456789012' }))).toBe('not_signed_in');
    desk.close();
  });

  it('undoes an arrival with a reason, after which the participant can check in again', () => {
    const desk = openEventDesk(tempDir(), [person()]);
    const { participant } = checkIn(desk, { nib: '0123456789012' });
    const undone = voidCheckIn(desk, { participantId: participant.id, reason: 'salah pilih orang' });
    expect(undone.present).toBe(false);
    expect(undone.history.map((h) => h.action)).toContain('checkin.voided');
    expect(codeOf(() => voidCheckIn(desk, { participantId: participant.id, reason: 'lagi' }))).toBe('not_present');
    expect(checkIn(desk, { participantId: participant.id, via: 'search' }).status).toBe('checked_in');
    desk.close();
  });

  it('registers a walk-in with the import rules and checks them in at once', () => {
    const desk = openEventDesk(tempDir(), [person()]);
    const out = registerWalkIn(desk, {
      nib: '1112 2100 07923',
      name: 'GUSTI RABIATUL  MULYANI',
      business: 'Rumah Kue Acil',
      phone: '0854 1366 7736',
      regency: '63.03',
      district: '',
      address: '',
      productType: '',
      productName: '',
    });
    expect(out.participant).toMatchObject({ nib: '1112210007923', name: 'Gusti Rabiatul Mulyani', phone: '+6285413667736', walkIn: true, present: true });
    const base = { business: '', district: '', address: '', productType: '', productName: '', regency: '63.72' };
    expect(codeOf(() => registerWalkIn(desk, { ...base, name: 'Tanpa NIB' }))).toBe('nib_required');
    expect(codeOf(() => registerWalkIn(desk, { ...base, name: 'Dobel', nib: '0123456789012' }))).toBe('nib_taken');
    expect(codeOf(() => registerWalkIn(desk, { ...base, name: 'HP salah', nib: '5555555555555', phone: '12345' }))).toBe('phone_invalid');
    expect(status(desk)).toMatchObject({ participants: 2, checkedIn: 1, walkIns: 1 });
    desk.close();
  });

  it('refuses a walk-in without a regency, or with an NIB longer than 13 digits, through the API as well', async () => {
    const desk = openEventDesk(tempDir(), [person()]);
    const base = { name: 'Acil Kue', business: '', district: '', address: '', productType: '', productName: '' };
    expect(codeOf(() => registerWalkIn(desk, { ...base, nib: '6372000000001' }))).toBe('regency_required');
    expect(codeOf(() => registerWalkIn(desk, { ...base, nib: '6372000000001', regency: null }))).toBe('regency_required');
    for (const nib of ['63720000000012', '63720000000012345678', '6372 0000 0000 12']) {
      expect(codeOf(() => registerWalkIn(desk, { ...base, nib, regency: '63.72' }))).toBe('nib_invalid');
    }
    const viaApi = await dispatch(desk, 'registerWalkIn', { name: 'Acil Kue', nib: '63720000000012345678', regency: '63.72' });
    expect(viaApi).toMatchObject({ ok: false, error: { code: 'nib_invalid' } });
    expect(await dispatch(desk, 'registerWalkIn', { name: 'Acil Kue', nib: '6372000000001' })).toMatchObject({ ok: false, error: { code: 'regency_required' } });
    expect(status(desk)).toMatchObject({ participants: 1, walkIns: 0 });
    desk.close();
  });

  it('lets the organizer relax the NIB rule for walk-ins', () => {
    const desk = openEventDesk(tempDir(), [], { nibRequired: false });
    const base = { business: '', district: '', address: '', productType: '', productName: '', regency: '63.03' };
    const out = registerWalkIn(desk, { ...base, name: 'Ibu Tanpa NIB' });
    expect(out.participant.nib).toBeNull();
    expect(out.status).toBe('checked_in');
    desk.close();
  });

  it('counts present against registered and target per regency', () => {
    const desk = openEventDesk(tempDir(), [
      person(),
      person({ nib: '2222222222222', name: 'Aulia', regency: '63.72' }),
      person({ nib: '3333333333333', name: 'Rahmah', regency: null }),
    ]);
    checkIn(desk, { nib: '2222222222222' });
    const s = status(desk);
    expect(s.byRegency.find((r) => r.code === '63.72')).toEqual({ code: '63.72', name: 'Kota Banjarbaru', target: 160, participants: 1, checkedIn: 1 });
    expect(s.byRegency.find((r) => r.code === '63.01')).toMatchObject({ participants: 1, checkedIn: 0 });
    expect(s.unknownRegency).toEqual({ participants: 1, checkedIn: 0 });
    expect(s.byRegency.reduce((n, r) => n + r.target, 0)).toBe(1000);
    desk.close();
  });

  it('finds participants by partial NIB, phone, name with typos and apostrophes', () => {
    const desk = openEventDesk(tempDir(), [person(), person({ nib: '2222222222222', name: 'Ma’rifah Hidayat', business: 'Produk Bungas Kerupuk', phone: '+6289899173986' })]);
    expect(search(desk, '4567')[0]?.name).toBe("Nur'aini Ramadhani");
    expect(search(desk, 'nuraini')[0]?.name).toBe("Nur'aini Ramadhani");
    expect(search(desk, '  MARIFAH   hidayat ')[0]?.name).toBe('Ma’rifah Hidayat');
    expect(search(desk, 'marifa hidyat')[0]?.name).toBe('Ma’rifah Hidayat');
    expect(search(desk, '0898 9917')[0]?.nib).toBe('2222222222222');
    expect(search(desk, '+62 898 9917')[0]?.nib).toBe('2222222222222');
    expect(search(desk, 'bungas')[0]?.regencyName).toBe('Kabupaten Tanah Laut');
    expect(search(desk, 'zzzz')).toEqual([]);
    desk.close();
  });

  it('finds an NIB that starts with 62 by search, by --nib and as a scanned code, and a phone typed as 62… still finds its owner', () => {
    // The NIB of the first looks like the second's phone in international form: 6281350594909 → 081350594909.
    const nib62 = person({ nib: '6281350594909', name: 'Noorhasanah', phone: '+6281211112222' });
    const phoneOwner = person({ nib: '0123456789012', name: 'Aminah', phone: '+6281350594909' });
    const desk = openEventDesk(tempDir(), [nib62, phoneOwner]);
    expect(search(desk, '6281350594909')[0]?.name).toBe('Noorhasanah');
    expect(search(desk, '6281 3505 94909')[0]?.name).toBe('Noorhasanah');
    expect(search(desk, '081350594909')[0]?.name).toBe('Aminah');
    expect(search(desk, '+62 812 1111 2222')[0]?.name).toBe('Noorhasanah');
    expect(checkIn(desk, { nib: '6281 3505 94909' }).participant.name).toBe('Noorhasanah');
    expect(checkIn(desk, { code: '6281350594909' }).status).toBe('already_present');
    desk.close();
  });

  it('guards organizer functions with the PIN through the API', async () => {
    const desk = openEventDesk(tempDir());
    const input = { fileName: 'x.csv', content: new Uint8Array() };
    expect(await dispatch(desk, 'previewImport', input)).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
    expect(await dispatch(desk, 'unlockOrganizer', { pin: '00000000' }, SESSION)).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect((await unlockOrganizer(desk, PIN, SESSION)).organizerUntil).toBeGreaterThan(Date.now());
    expect(await dispatch(desk, 'checkIn', { nib: 42 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    desk.close();
  });
});
