import { createHmac, randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

/** A desk ID: 130 random bits, never reused (a restored backup takes a new one). */
export function newDeskId(): string {
  return base32(randomBytes(17), 26);
}

/** An opaque random ID (event IDs, participants without an NIB): 80 random bits. */
export function randomId(): string {
  return base32(randomBytes(10), 16);
}

/**
 * The participant ID for an NIB (or, without one, for a name key): keyed by the event secret, so
 * every desk of the event derives the same ID (re-imports and concurrent walk-ins merge) while the
 * ID reveals nothing about the person.
 */
export function participantIdFor(eventSecret: string, key: string): string {
  return base32(createHmac('sha256', eventSecret).update(`participant:${key}`).digest(), 16);
}

export function newSecret(): string {
  return randomBytes(32).toString('hex');
}
