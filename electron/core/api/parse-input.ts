import { apiSchemas, type ApiMethod, type ApiParsed } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';

/** Validate input against the contract; the CLI uses this too, so both faces refuse the same input. */
export function parseInput<M extends ApiMethod>(method: M, input: unknown): ApiParsed<M> {
  const parsed = apiSchemas[method].safeParse(input ?? {});
  if (parsed.success) return parsed.data as ApiParsed<M>;
  const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  throw new LoketError('bad_request', { detail });
}

