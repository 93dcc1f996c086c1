import { apiSchemas, type ApiMethod, type ApiParsed, type ApiResults } from '../../../shared/api';
import { LoketError, type Result } from '../../../shared/errors';
import type { Desk } from '../desk';
import { sessionOf, type Session } from '../services/organizer';
import { handlers } from './handlers';
import { toWireError } from './wire-error';

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiSchemas, name);
}

/**
 * The single entry for every face: validate the input against the contract's schema, run the
 * handler, and turn any failure into a `{ok:false}` the UI can translate. Never throws.
 * `session` is the client's token as the face received it (an HTTP header, an IPC argument).
 */
export async function dispatch<M extends ApiMethod>(desk: Desk, method: M, input: unknown, session: unknown = null): Promise<Result<ApiResults[M]>> {
  try {
    const handler = handlers[method] as (desk: Desk, input: ApiParsed<M>, session: Session) => ApiResults[M] | Promise<ApiResults[M]>;
    return { ok: true, value: await handler(desk, parseInput(method, input), sessionOf(session)) };
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
}

/** Validate input against the contract; the CLI uses this too, so both faces refuse the same input. */
export function parseInput<M extends ApiMethod>(method: M, input: unknown): ApiParsed<M> {
  const parsed = apiSchemas[method].safeParse(input ?? {});
  if (parsed.success) return parsed.data as ApiParsed<M>;
  const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  throw new LoketError('bad_request', { detail });
}

