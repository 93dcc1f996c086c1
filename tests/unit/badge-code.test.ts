import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BADGE_PREFIX, parseScannedCode } from '../../shared/badge/badge-code';
import { base32Decode, base32Encode } from '../../shared/base32';
import { badgeKeys, checkBadge, signBadge } from '../../electron/core/badges/signing';
import { newSecret, randomId } from '../../electron/core/ids';
import { checkIn } from '../../electron/core/services/checkin-service';
import { LoketError } from '../../shared/errors';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { participantIdFor } from '../../electron/core/ids';
import { useTempDirs } from '../helpers/temp-dir';
import QRCode from 'qrcode';
import { propertyRuns } from '../helpers/property-runs';

const tempDir = useTempDirs();
const keys = badgeKeys(newSecret(), 'event0000000001');

function verdict(code: string): string {
  const scanned = parseScannedCode(code);
  return scanned.kind === 'badge' ? checkBadge(keys, scanned.badge) : scanned.kind;
}

describe('badge codes', () => {
  it('round-trips base32', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 90 }), (bytes) => {
        expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
      }),
      propertyRuns(100),
    );
  });

  it('carries the opaque ID and a valid signature, in 130 alphanumeric characters (QR version 6-M)', () => {
    const id = randomId();
    const code = signBadge(keys, id);
    expect(code).toMatch(/^LK1[A-Z2-7]{127}$/);
    expect(verdict(code)).toBe('valid');
    expect(verdict(code.toLowerCase())).toBe('valid');
    const scanned = parseScannedCode(code);
    expect(scanned.kind === 'badge' && scanned.badge.participantId).toBe(id);
    const qr = QRCode.create(code, { errorCorrectionLevel: 'M' });
    expect(qr.version).toBe(6);
  });

  it('refuses forged, altered, truncated and other-event codes', () => {
    const code = signBadge(keys, randomId());
    const flip = (at: number) => code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1);
    expect(verdict(flip(15))).toBe('forged'); // another participant ID under the same signature
    expect(verdict(flip(6))).toBe('other_event'); // the event tag
    expect(verdict(flip(100))).toBe('forged'); // a changed signature
    expect(verdict(code.slice(0, 120))).toBe('damaged');
    expect(verdict(`${code}AB`)).toBe('damaged');
    expect(verdict(signBadge(badgeKeys(newSecret(), 'event0000000002'), randomId()))).toBe('other_event');
    // Same event ID, wrong key: someone who knows the event but not its secret.
    expect(verdict(signBadge(badgeKeys(newSecret(), 'event0000000001'), randomId()))).toBe('forged');
    expect(verdict('0123 4567 89012')).toBe('nib');
    expect(verdict('hello')).toBe('unreadable');
  });

  it('never accepts a random change to a valid code', () => {
    const code = signBadge(keys, randomId());
    fc.assert(
      fc.property(fc.nat({ max: code.length - 1 - BADGE_PREFIX.length }), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'), (at, ch) => {
        const i = at + BADGE_PREFIX.length;
        fc.pre(code[i] !== ch);
        expect(verdict(code.slice(0, i) + ch + code.slice(i + 1))).not.toBe('valid');
      }),
      propertyRuns(400),
    );
  });

  it('checks a participant in by badge once; the second scan shows already present', () => {
    const desk = openEventDesk(tempDir(), [person()]);
    const id = participantIdFor(desk.secret, '0123456789012');
    const code = signBadge(badgeKeys(desk.secret, desk.requireEvent().eventId), id);
    const first = checkIn(desk, { code });
    expect(first).toMatchObject({ status: 'checked_in', participant: { id, checkin: { via: 'qr' } } });
    expect(checkIn(desk, { code }).status).toBe('already_present');
    const refused = (text: string) => {
      try {
        checkIn(desk, { code: text });
      } catch (e) {
        return (e as LoketError).code;
      }
      return 'accepted';
    };
    expect(refused(signBadge(badgeKeys(newSecret(), 'another-event-id'), id))).toBe('qr_other_event');
    expect(refused(code.slice(0, 60))).toBe('qr_forged');
    expect(refused('not a code')).toBe('qr_unreadable');
    expect(checkIn(desk, { code: '0123456789012' }).status).toBe('already_present');
    desk.close();
  });
});
