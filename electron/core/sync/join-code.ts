import { createHash } from 'node:crypto';
import { base32Decode, base32Encode, CROCKFORD } from '../../../shared/base32';

/**
 * The typed join code (and the join QR's content): event ID, event secret and the addresses of the
 * inviting desk, in Crockford base32 (no I, L, O, U; case and dashes ignored when typed) behind
 * "LOKET-", grouped by five, ending in a 4-byte SHA-256 checksum so a typo is caught, not joined.
 *
 *   version(1) ‖ secret(32) ‖ len(1) eventId ‖ count(1) ‖ (len(1) "host:port")* ‖ checksum(4)
 */
const PREFIX = 'LOKET-';
const VERSION = 1;

export interface JoinInfo {
  eventId: string;
  secret: string;
  /** http://host:port of desks to pull from. */
  addresses: string[];
}

export class JoinCodeError extends Error {}

function checksum(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest().subarray(0, 4);
}

function fromBase32(text: string): Buffer {
  // People type O for 0 and I or L for 1.
  const bytes = base32Decode(text.replace(/O/g, '0').replace(/[IL]/g, '1'), CROCKFORD);
  if (!bytes) throw new JoinCodeError('the join code is mistyped or damaged');
  return Buffer.from(bytes);
}

export function encodeJoinCode(info: JoinInfo): string {
  const parts: Buffer[] = [Buffer.of(VERSION), Buffer.from(info.secret, 'hex')];
  const eventId = Buffer.from(info.eventId);
  parts.push(Buffer.of(eventId.length), eventId);
  const addresses = info.addresses.map((a) => Buffer.from(a.replace(/^http:\/\//, ''))).filter((a) => a.length < 64).slice(0, 8);
  parts.push(Buffer.of(addresses.length));
  for (const a of addresses) parts.push(Buffer.of(a.length), a);
  const body = Buffer.concat(parts);
  const text = base32Encode(Buffer.concat([body, checksum(body)]), CROCKFORD);
  return PREFIX + (text.match(/.{1,5}/g) ?? []).join('-');
}

export function decodeJoinCode(code: string): JoinInfo {
  const compact = code.toUpperCase().replace(/[\s-]/g, '');
  if (!compact.startsWith('LOKET')) throw new JoinCodeError('a join code starts with LOKET-');
  const bytes = fromBase32(compact.slice(5));
  if (bytes.length < 1 + 32 + 1 + 1 + 4) throw new JoinCodeError('the join code is too short: a part is missing');
  const body = bytes.subarray(0, bytes.length - 4);
  if (!checksum(body).equals(bytes.subarray(bytes.length - 4))) throw new JoinCodeError('the join code has a typo (checksum mismatch)');
  if (body[0] !== VERSION) throw new JoinCodeError('the join code comes from another Loket version');
  let at = 33;
  const take = (): string => {
    const length = body[at]!;
    const text = body.subarray(at + 1, at + 1 + length).toString('utf8');
    if (at + 1 + length > body.length) throw new JoinCodeError('the join code is damaged');
    at += 1 + length;
    return text;
  };
  const eventId = take();
  const count = body[at++] ?? 0;
  const addresses = Array.from({ length: count }, () => `http://${take()}`);
  if (!addresses.every((a) => /^http:\/\/[A-Za-z0-9.[\]:-]+:\d{1,5}$/.test(a))) throw new JoinCodeError('the join code has a bad address');
  return { eventId, secret: body.subarray(1, 33).toString('hex'), addresses };
}
