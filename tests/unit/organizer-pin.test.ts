import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { Desk } from '../../electron/core/desk';
import { hashPin, pinMatches, PIN_KDF } from '../../electron/core/pin';
import { markExported, purgePersonalData } from '../../electron/core/services/privacy-service';
import { createEvent } from '../../electron/core/services/event-service';
import { openEventDesk, PIN, SESSION } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const WRONG = '11112222';
const OTHER = 'another-page-session-token-02';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

const unlock = async (desk: Desk, pin: string, session: string | null = SESSION) => {
  const r = await dispatch(desk, 'unlockOrganizer', { pin }, session);
  return r.ok ? 'ok' : r.error.code;
};

describe('the organizer PIN', () => {
  it('counts every wrong guess towards one lockout, whichever function checked it, and the lockout survives a restart', async () => {
    const dir = tempDir();
    let now = Date.UTC(2024, 4, 21, 1);
    const desk = openEventDesk(dir, [], { now: () => now });
    markExported(desk);
    expect(await unlock(desk, WRONG)).toBe('wrong_pin');
    expect(await codeOf(purgePersonalData(desk, WRONG))).toBe('wrong_pin');
    expect(await codeOf(purgePersonalData(desk, WRONG))).toBe('wrong_pin');
    const invite = await dispatch(desk, 'invite', { pin: WRONG }, SESSION);
    expect(invite).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
    expect(await unlock(desk, WRONG)).toBe('wrong_pin');
    expect(await unlock(desk, WRONG)).toBe('wrong_pin');
    // Five wrong guesses: even the right PIN waits now, through every face.
    expect(await unlock(desk, PIN)).toBe('pin_locked');
    expect(await codeOf(purgePersonalData(desk, PIN))).toBe('pin_locked');
    desk.close();

    const restarted = Desk.open(dir, { now: () => now });
    expect(await unlock(restarted, PIN)).toBe('pin_locked');
    now += 30_000;
    expect(await unlock(restarted, PIN)).toBe('ok');
    restarted.close();
  });

  it('lets no more than five guesses sent side by side reach the hash', async () => {
    const desk = openEventDesk(tempDir());
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => unlock(desk, WRONG)));
    expect(outcomes.filter((o) => o === 'wrong_pin')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'pin_locked')).toHaveLength(15);
    desk.close();
  });

  it('unlocks for the client that typed it only; another client, or none, stays locked', async () => {
    const desk = openEventDesk(tempDir());
    expect(await unlock(desk, PIN, null)).toBe('bad_request');
    expect(await unlock(desk, PIN, 'short')).toBe('bad_request');
    expect(await unlock(desk, PIN)).toBe('ok');
    expect(await dispatch(desk, 'backupOverview', {}, SESSION)).toMatchObject({ ok: true });
    for (const session of [OTHER, null]) {
      expect(await dispatch(desk, 'backupOverview', {}, session)).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
      expect(await dispatch(desk, 'invite', { pin: PIN }, session)).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
      expect(await dispatch(desk, 'deskInfo', {}, session)).toMatchObject({ ok: true, value: { organizerUntil: null } });
    }
    expect(await dispatch(desk, 'deskInfo', {}, SESSION)).toMatchObject({ ok: true, value: { organizerUntil: expect.any(Number) } });
    await dispatch(desk, 'lockOrganizer', {}, SESSION);
    expect(await dispatch(desk, 'backupOverview', {}, SESSION)).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
    desk.close();
  });

  it('is asked again before the join code is shown, even in an unlocked session', async () => {
    const desk = openEventDesk(tempDir());
    expect(await unlock(desk, PIN)).toBe('ok');
    expect(await dispatch(desk, 'invite', {}, SESSION)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await dispatch(desk, 'invite', { pin: WRONG }, SESSION)).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    const shown = await dispatch(desk, 'invite', { pin: PIN }, SESSION);
    expect(shown).toMatchObject({ ok: true, value: { code: expect.stringMatching(/^LOKET-/) } });
    desk.close();
  });

  it('needs 8 to 12 digits when the event is created', async () => {
    const desk = Desk.open(tempDir());
    const setup = { name: 'Acara', date: '2024-05-21', venue: '', nibRequired: true, deskName: 'Meja 1' };
    for (const pin of ['123456', '1234567', '1234567890123', '12345abc']) {
      expect(await dispatch(desk, 'createEvent', { ...setup, pin })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    expect(await dispatch(desk, 'createEvent', { ...setup, pin: '12345678' })).toMatchObject({ ok: true });
    desk.close();
  });

  it('is stored with its scrypt cost, and a hash from before the cost was stored still verifies', async () => {
    const stored = hashPin(PIN);
    expect(stored.kdf).toEqual({ alg: 'scrypt', n: 2 ** 16, r: 8, p: 1 });
    expect(PIN_KDF.n * PIN_KDF.r * 128).toBe(64 * 2 ** 20);
    expect(await pinMatches(PIN, stored)).toBe(true);
    expect(await pinMatches(WRONG, stored)).toBe(false);

    // An event configured by an older Loket: the hash made with Node's defaults, no parameters beside it.
    const desk = Desk.open(tempDir());
    const salt = randomBytes(16).toString('hex');
    createEvent(desk, { name: 'Lama', date: '2024-05-21', venue: '', timezone: 'Asia/Makassar', nibRequired: true, pin: '00000000' });
    const legacy = { ...desk.requireEvent(), pin: { salt, hash: scryptSync('246810', salt, 32).toString('hex') } };
    const { configuredHlc: _, ...body } = legacy;
    desk.record([{ type: 'event.configured', body }], 'panitia');
    expect(desk.requireEvent().pin.kdf).toBeUndefined();
    expect(await unlock(desk, '246810')).toBe('ok');
    desk.close();
  });
});
