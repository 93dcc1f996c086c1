import { expect } from 'vitest';
import { ERROR_CODES, LoketError, type ErrorCode, type WireError } from '../../shared/errors';
import { LANGS, t } from '../../shared/i18n';

/**
 * What an operator reads for a refused input: a known code whose sentence exists in both languages
 * with every placeholder filled. "internal" is what an unexpected exception becomes, so it is a failure.
 */
export function expectClearError(error: WireError | unknown, allowed?: readonly ErrorCode[]): ErrorCode {
  const wire = error instanceof LoketError ? { code: error.code, params: error.params } : (error as WireError);
  if (!(error instanceof LoketError)) {
    expect(error, 'a LoketError or its wire form, not an exception').toMatchObject({ code: expect.any(String), params: expect.any(Object) });
  }
  expect(ERROR_CODES).toContain(wire.code);
  expect(wire.code).not.toBe('internal');
  if (allowed) expect(allowed).toContain(wire.code);
  for (const lang of LANGS) {
    const sentence = t(lang, `error.${wire.code}`, wire.params);
    expect(sentence).not.toBe(`error.${wire.code}`);
    expect(sentence).not.toMatch(/\{\w+\}|\n\s+at |Error:/);
  }
  return wire.code;
}

/** Time one case; the reader is synchronous, so a hang shows as a case far slower than its budget. */
export async function withinMs<T>(budgetMs: number, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    const took = performance.now() - started;
    expect(took, `one case took ${Math.round(took)} ms`).toBeLessThan(budgetMs);
  }
}
