import { randomBytes, randomInt, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PinKdf, StoredPin } from '../../shared/events';

/**
 * The organizer PIN is kept only as a salted scrypt hash, replicated with the event settings, so
 * every desk's copy can be attacked offline. Its cost is what protects it: N = 2^16, r = 8 (64 MiB
 * per guess) took 0.16–0.19 s a guess on the project's machine, so the 10^8 PINs of 8 digits take
 * 185–218 core-days (docs/security.md; `npm run bench` measures it). The parameters travel with
 * the hash, so a hash made with other parameters (older logs: Node's default N = 2^14) still verifies.
 */
export const PIN_KDF: PinKdf = { alg: 'scrypt', n: 65_536, r: 8, p: 1 };

/** What a hash without parameters was made with (logs from before they were stored). */
const LEGACY_KDF: PinKdf = { alg: 'scrypt', n: 16_384, r: 8, p: 1 };

const KEY_BYTES = 32;

function options(kdf: PinKdf): ScryptOptions {
  // scrypt needs 128·N·r bytes; Node refuses more than `maxmem`, 32 MiB by default.
  return { N: kdf.n, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.n * kdf.r };
}

/** Once per event, when it is created: synchronous, so creating an event stays one simple call. */
export function hashPin(pin: string, kdf: PinKdf = PIN_KDF): StoredPin {
  const salt = randomBytes(16).toString('hex');
  return { salt, hash: scryptSync(pin, salt, KEY_BYTES, options(kdf)).toString('hex'), kdf };
}

/** Off the event loop (libuv's thread pool): a desk keeps answering check-ins while a PIN is checked. */
export function pinMatches(pin: string, stored: StoredPin): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'hex');
  return new Promise((resolve, reject) => {
    scrypt(pin, stored.salt, KEY_BYTES, options(stored.kdf ?? LEGACY_KDF), (error, actual) => {
      if (error) reject(error);
      else resolve(expected.length === actual.length && timingSafeEqual(expected, actual));
    });
  });
}

/** A PIN for an event created without one; printed once for the organizer. */
export function randomPin(): string {
  return String(randomInt(0, 100_000_000)).padStart(8, '0');
}
