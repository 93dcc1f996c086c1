import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Every key comes from the event secret through HKDF-SHA256 with its own label, so a key used for
 * one purpose (handshake proofs, session frames, bundles, the mDNS tag) says nothing about another.
 */
const SALT = Buffer.from('loket-sync-v1');

export const SECRET_PATTERN = /^[0-9a-f]{64}$/;

function secretBytes(secret: string): Buffer {
  if (!SECRET_PATTERN.test(secret)) throw new Error('the event secret must be 64 hex characters (256 bits)');
  return Buffer.from(secret, 'hex');
}

function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
}

export interface EventKeys {
  /** Proves knowledge of the secret in the handshake (HMAC key). */
  auth: Buffer;
  /** Input to the per-session frame keys; never used directly. */
  session: Buffer;
  /** Seals bundle files (with a per-file salt). */
  bundle: Buffer;
  /** A public tag for mDNS so desks of one event find each other; reveals nothing of the secret. */
  tag: string;
}

export function deriveEventKeys(secret: string): EventKeys {
  const ikm = secretBytes(secret);
  return {
    auth: hkdf(ikm, SALT, 'handshake auth'),
    session: hkdf(ikm, SALT, 'session master'),
    bundle: hkdf(ikm, SALT, 'bundle master'),
    tag: hkdf(ikm, SALT, 'mdns tag', 8).toString('hex'),
  };
}

/** Fresh keys per session and per direction: both nonces are the salt, so no two sessions share a key. */
export function sessionKeys(keys: EventKeys, clientNonce: Uint8Array, serverNonce: Uint8Array): { c2s: Buffer; s2c: Buffer } {
  const salt = Buffer.concat([clientNonce, serverNonce]);
  return { c2s: hkdf(keys.session, salt, 'frames client to server'), s2c: hkdf(keys.session, salt, 'frames server to client') };
}

export function bundleKey(keys: EventKeys, salt: Uint8Array): Buffer {
  return hkdf(keys.bundle, salt, 'bundle file');
}

export function hmac(key: Uint8Array, ...parts: (Uint8Array | string)[]): Buffer {
  const h = createHmac('sha256', key);
  for (const part of parts) h.update(part);
  return h.digest();
}

/** Constant-time equality; different lengths are simply unequal. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
