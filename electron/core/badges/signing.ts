import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { encodeBadgeCode, signedPart, type BadgeCode } from '../../../shared/badge/badge-code';

/** PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface BadgeKeys {
  eventTag: Uint8Array;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const cache = new Map<string, BadgeKeys>();

/**
 * The event's Ed25519 badge key, derived from the event secret that every desk of the event holds,
 * so any desk can print and verify badges offline. HKDF separates it from the sync keys.
 */
export function badgeKeys(eventSecret: string, eventId: string): BadgeKeys {
  const key = `${eventId}:${eventSecret}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const seed = Buffer.from(hkdfSync('sha256', Buffer.from(eventSecret, 'hex'), eventId, 'loket badge signing v1', 32));
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const keys = { eventTag: eventTagOf(eventId), privateKey, publicKey: createPublicKey(privateKey) };
  cache.set(key, keys);
  return keys;
}

/** Four bytes naming the event, so a code from another event is told apart from a forged one. */
export function eventTagOf(eventId: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(`loket event ${eventId}`).digest().subarray(0, 4));
}

export function signBadge(keys: BadgeKeys, participantId: string): string {
  const signed = signedPart(keys.eventTag, participantId);
  return encodeBadgeCode(signed, new Uint8Array(sign(null, signed, keys.privateKey)));
}

export type BadgeCheck = 'valid' | 'other_event' | 'forged';

export function checkBadge(keys: BadgeKeys, code: BadgeCode): BadgeCheck {
  if (!Buffer.from(code.eventTag).equals(Buffer.from(keys.eventTag))) return 'other_event';
  return verify(null, code.signed, keys.publicKey, code.signature) ? 'valid' : 'forged';
}
