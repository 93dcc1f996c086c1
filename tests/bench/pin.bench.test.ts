import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { hashPin, PIN_KDF } from '../../electron/core/pin';
import { percentiles, round, timeEach } from './measure';

/** The 8-digit PINs an offline guesser must try at worst. */
const GUESSES = 1e8;
const CORE_DAY_MS = 86_400_000;
/** The floor: the replicated hash of the shortest PIN holds at least this long on one core. */
const FLOOR_CORE_DAYS = 30;

/**
 * What one guess at the organizer PIN costs someone holding a desk's copy of the event settings:
 * one scrypt with the stored parameters, on one core of this machine. Node's default parameters
 * (the hash before the cost was stored) are measured in the same run as the peer.
 */
it('measures the organizer PIN hash: the cost of one guess and of every 8-digit PIN', () => {
  const guesses = Array.from({ length: 20 }, (_, i) => String(10_000_000 + i * 4_999_999));
  hashPin('warm-up');
  const stored = timeEach(guesses, (pin) => hashPin(pin));
  const legacy = timeEach(guesses, (pin) => hashPin(pin, { alg: 'scrypt', n: 16_384, r: 8, p: 1 }));
  const coreDays = (p: ReturnType<typeof percentiles>) => (p.p50 * GUESSES) / CORE_DAY_MS;
  const report = [
    `| scrypt | memory | one guess p50 / max | every 8-digit PIN (10^8 guesses), one core |`,
    '|---|---|---|---|',
    `| N=2^${Math.log2(PIN_KDF.n)}, r=${PIN_KDF.r}, p=${PIN_KDF.p} (stored now) | ${(128 * PIN_KDF.n * PIN_KDF.r) / 2 ** 20} MiB | ${round(stored.p50, 1)} / ${round(stored.max, 1)} ms | ${round(coreDays(stored), 0)} core-days |`,
    `| N=2^14, r=8, p=1 (before; Node's default) | 16 MiB | ${round(legacy.p50, 1)} / ${round(legacy.max, 1)} ms | ${round(coreDays(legacy), 0)} core-days |`,
  ].join('\n');
  console.log(`\n${report}\n`);
  mkdirSync('tests/bench/results', { recursive: true });
  writeFileSync('tests/bench/results/pin.md', `${report}\n`);
  expect(coreDays(stored)).toBeGreaterThanOrEqual(FLOOR_CORE_DAYS);
});
