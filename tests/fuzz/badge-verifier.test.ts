import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import { badgeKeys, signBadge } from '../../electron/core/badges/signing';
import type { Desk } from '../../electron/core/desk';
import { newSecret, participantIdFor, randomId } from '../../electron/core/ids';
import { BADGE_PREFIX, parseScannedCode } from '../../shared/badge/badge-code';
import { base32Decode, base32Encode } from '../../shared/base32';
import type { ErrorCode } from '../../shared/errors';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { propertyRuns } from '../helpers/property-runs';
import { expectClearError } from './fuzz-kit';

/**
 * The check-in by scanned code on a real desk, through dispatch: a badge code of this event is
 * accepted however a scanner wraps it (case, spaces), and anything else that is not exactly such
 * a code is refused with its reason, recording nothing.
 */
const dir = mkdtempSync(join(tmpdir(), 'loket-fuzz-'));
const NIBS = Array.from({ length: 8 }, (_, i) => `630100000000${i}`);
const REFUSALS: readonly ErrorCode[] = ['qr_unreadable', 'qr_forged', 'qr_other_event', 'participant_not_found', 'nib_invalid', 'bad_request'];
/** Ed25519's group order: S + L verifies in lax implementations, so it must be refused here. */
const ORDER = 2n ** 252n + 27742317777372353535851937790883648493n;

let desk: Desk;
let codes: string[];
let eventId: string;

beforeAll(() => {
  desk = openEventDesk(dir, NIBS.map((nib, i) => person({ nib, name: `Peserta ${i}` })));
  eventId = desk.requireEvent().eventId;
  const keys = badgeKeys(desk.secret, eventId);
  codes = NIBS.map((nib) => signBadge(keys, participantIdFor(desk.secret, nib)));
});
afterAll(() => {
  desk.close();
  rmSync(dir, { recursive: true, force: true });
});

const payload = (code: string) => base32Decode(code.slice(BADGE_PREFIX.length))!;
const repack = (bytes: Uint8Array) => BADGE_PREFIX + base32Encode(bytes);

/** The badge code with its 64-byte signature's scalar S (bytes 32–63, little-endian) raised by L. */
function malleate(code: string): string {
  const bytes = payload(code);
  const s = bytes.slice(15 + 32);
  let value = 0n;
  for (let i = 31; i >= 0; i--) value = (value << 8n) | BigInt(s[i]!);
  value += ORDER;
  for (let i = 0; i < 32; i++) bytes[15 + 32 + i] = Number((value >> BigInt(8 * i)) & 255n);
  return value >= 2n ** 256n ? code : repack(bytes);
}

const ANY_CHAR = fc.oneof(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567abcxyz01890 -\n\t=/'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }));

/** Forgeries and damage inside the signed bytes, made from a valid code. */
const byteMutation = fc.oneof(
  fc.record({ kind: fc.constant('flipBit' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  fc.record({ kind: fc.constant('otherParticipant' as const), other: fc.nat() }),
  fc.record({ kind: fc.constant('otherSignature' as const), other: fc.nat() }),
  fc.record({ kind: fc.constant('otherEventTag' as const), event: fc.string({ minLength: 1, maxLength: 20 }) }),
  fc.record({ kind: fc.constant('otherKey' as const), sameEventId: fc.boolean() }),
  fc.record({ kind: fc.constant('malleate' as const) }),
);
/** What happens to the text between the badge and the desk: smudges, cuts, scanner habits. */
const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), ch: ANY_CHAR }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), ch: ANY_CHAR }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('extend' as const), tail: fc.string({ minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('scannerNoise' as const), lower: fc.boolean(), before: fc.constantFrom('', ' ', '\t'), after: fc.constantFrom('', '\n', '\r\n', ' ') }),
);
type ByteMutation = typeof byteMutation extends fc.Arbitrary<infer M> ? M : never;
type TextMutation = typeof textMutation extends fc.Arbitrary<infer M> ? M : never;

const otherCode = (index: number, other: number) => payload(codes[(index + 1 + (other % (codes.length - 1))) % codes.length]!);

function forge(index: number, m: ByteMutation): string {
  const code = codes[index]!;
  const bytes = payload(code);
  switch (m.kind) {
    case 'flipBit':
      bytes[m.at % bytes.length]! ^= 1 << m.bit;
      return repack(bytes);
    case 'otherParticipant':
      // Another participant's ID under this participant's signature.
      bytes.set(otherCode(index, m.other).subarray(5, 15), 5);
      return repack(bytes);
    case 'otherSignature':
      bytes.set(otherCode(index, m.other).subarray(15), 15);
      return repack(bytes);
    case 'otherEventTag':
      bytes.set(payload(signBadge(badgeKeys(desk.secret, `${eventId}${m.event}`), randomId())).subarray(1, 5), 1);
      return repack(bytes);
    case 'otherKey':
      // Signed by someone who does not hold this event's secret, or for another event.
      return signBadge(badgeKeys(newSecret(), m.sameEventId ? eventId : `${eventId}-lain`), participantIdFor(desk.secret, NIBS[index]!));
    case 'malleate':
      return malleate(code);
  }
}

function smudge(code: string, m: TextMutation): string {
  const at = 'at' in m ? m.at % (code.length + 1) : 0;
  switch (m.kind) {
    case 'replace':
      return code.slice(0, at) + m.ch + code.slice(at + 1);
    case 'insert':
      return code.slice(0, at) + m.ch + code.slice(at);
    case 'delete':
      return code.slice(0, at) + code.slice(at + 1);
    case 'truncate':
      return code.slice(0, at);
    case 'extend':
      return code + m.tail;
    case 'scannerNoise':
      return m.before + (m.lower ? code.toLowerCase() : code) + m.after;
  }
}

/** What the desk does with the text: the participant checked in, or the refusal's code. */
async function scan(text: string): Promise<{ accepted: string } | { refused: ErrorCode }> {
  const before = desk.store.digest();
  const outcome = await dispatch(desk, 'checkIn', { code: text });
  if (outcome.ok) return { accepted: outcome.value.participant.id };
  expect(desk.store.digest(), 'a refused scan records nothing').toBe(before);
  return { refused: expectClearError(outcome.error, REFUSALS) };
}

const sameCode = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

describe('fuzz: badge code verification at check-in', () => {
  it('accepts a changed code exactly when it still reads as the same code, and refuses the rest with a reason', async () => {
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: NIBS.length - 1 }), fc.option(byteMutation), fc.array(textMutation, { maxLength: 3 }), async (index, forgery, smudges) => {
        const original = codes[index]!;
        const text = smudges.reduce(smudge, forgery ? forge(index, forgery) : original);
        const outcome = await scan(text);
        if (sameCode(text, original)) {
          expect(outcome).toEqual({ accepted: participantIdFor(desk.secret, NIBS[index]!) });
        } else {
          expect(outcome).toHaveProperty('refused');
          if ('refused' in outcome) expect(['qr_unreadable', 'qr_forged', 'qr_other_event', 'bad_request']).toContain(outcome.refused);
          refused++;
        }
      }),
      propertyRuns(600),
    );
    expect(refused).toBeGreaterThan(0);
  });

  it('accepts nothing but a known NIB from random text, prefixed like a badge or not', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 150 }),
      fc.stringMatching(/^[A-Z2-7]{120,135}$/).map((tail) => BADGE_PREFIX + tail),
      fc.stringMatching(/^ ?[0-9 .'-]{10,16} ?$/),
      fc.constantFrom(...NIBS, ...NIBS.map((n) => n.replace(/(\d{4})/g, '$1 '))),
    );
    await fc.assert(
      fc.asyncProperty(text, async (raw) => {
        const outcome = await scan(raw);
        if ('accepted' in outcome) {
          const scanned = parseScannedCode(raw);
          expect(scanned.kind).toBe('nib');
          if (scanned.kind === 'nib') expect(outcome.accepted).toBe(participantIdFor(desk.secret, scanned.nib));
        }
      }),
      propertyRuns(600),
    );
  });
});
