import type { z } from 'zod';
import { apiSchemas, type ApiMethod, type ApiParsed } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';

/** Validate input against the contract; the CLI uses this too, so both faces refuse the same input. */
export function parseInput<M extends ApiMethod>(method: M, input: unknown): ApiParsed<M> {
  const parsed = apiSchemas[method].safeParse(input ?? {});
  if (parsed.success) return parsed.data as ApiParsed<M>;
  throw badRequest(parsed.error.issues);
}

/** zod's English goes in the detail, for logs and programs; the operator's sentence leaves it out. */
export function badRequest(issues: readonly z.core.$ZodIssue[]): LoketError {
  return new LoketError('bad_request', { detail: issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') });
}
