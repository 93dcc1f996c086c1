import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';

/** The organizer PIN is kept only as a salted scrypt hash, replicated with the event settings. */
export function hashPin(pin: string): { salt: string; hash: string } {
  const salt = randomBytes(16).toString('hex');
  return { salt, hash: scryptSync(pin, salt, 32).toString('hex') };
}

export function pinMatches(pin: string, stored: { salt: string; hash: string }): boolean {
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = scryptSync(pin, stored.salt, 32);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A PIN for an event created without one; printed once for the organizer. */
export function randomPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
