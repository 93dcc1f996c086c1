import { base32Decode, base32Encode } from '../base32';
import { parseNib } from '../domain/nib';

/**
 * The text in a badge's QR code: "LK1" then, in base32, 1 version byte, a 4-byte event tag, the
 * 10-byte opaque participant ID and a 64-byte Ed25519 signature over the first 15 bytes. 130
 * characters, all in QR's alphanumeric mode: version 6 at error correction M (41×41 modules, 15%
 * recovery for creased or smudged badges). On a 58 mm receipt that is 0.8 mm a module, within reach
 * of a cheap scanner. No personal data: the ID is an HMAC, not the NIB.
 */
export const BADGE_PREFIX = 'LK1';
export const SIGNED_LENGTH = 15;
const VERSION = 1;
const TOTAL = SIGNED_LENGTH + 64;

export interface BadgeCode {
  eventTag: Uint8Array;
  participantId: string;
  /** The bytes the signature covers. */
  signed: Uint8Array;
  signature: Uint8Array;
}

export type ScannedCode =
  | { kind: 'badge'; badge: BadgeCode }
  | { kind: 'nib'; nib: string }
  | { kind: 'unreadable' }
  /** Starts like a badge code but is cut short, too long or damaged: never a plain typo. */
  | { kind: 'damaged' };

/** The 16-character participant ID (base32, lower case) as its 10 bytes, and back. */
export function participantIdBytes(id: string): Uint8Array | null {
  const bytes = /^[a-z2-7]{16}$/.test(id) ? base32Decode(id) : null;
  return bytes && bytes.length === 10 ? bytes : null;
}

export function signedPart(eventTag: Uint8Array, participantId: string): Uint8Array {
  const id = participantIdBytes(participantId);
  if (!id || eventTag.length !== 4) throw new Error('badge codes need a 16-character participant ID and a 4-byte event tag');
  return Uint8Array.from([VERSION, ...eventTag, ...id]);
}

export function encodeBadgeCode(signed: Uint8Array, signature: Uint8Array): string {
  return BADGE_PREFIX + base32Encode(Uint8Array.from([...signed, ...signature]));
}

/** Read whatever a scanner typed or a camera saw; scanners may add spaces, lower-case or a stray prefix. */
export function parseScannedCode(raw: string): ScannedCode {
  const text = raw.trim();
  const upper = text.toUpperCase();
  if (upper.startsWith(BADGE_PREFIX)) {
    const bytes = base32Decode(upper.slice(BADGE_PREFIX.length));
    if (!bytes || bytes.length !== TOTAL || bytes[0] !== VERSION) return { kind: 'damaged' };
    const signed = bytes.slice(0, SIGNED_LENGTH);
    return {
      kind: 'badge',
      badge: {
        eventTag: signed.slice(1, 5),
        participantId: base32Encode(signed.slice(5)).toLowerCase(),
        signed,
        signature: bytes.slice(SIGNED_LENGTH),
      },
    };
  }
  const nib = parseNib(text);
  return nib.ok ? { kind: 'nib', nib: nib.nib } : { kind: 'unreadable' };
}
