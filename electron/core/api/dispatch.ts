import { apiSchemas, type ApiMethod, type ApiParsed, type ApiResults } from '../../../shared/api';
import type { Result } from '../../../shared/errors';
import type { Desk } from '../desk';
import { sessionOf, type Session } from '../services/organizer';
import { handlers } from './handlers';
import { parseInput } from './parse-input';
import { toWireError } from './wire-error';

// Kept apart so that a CLI command can validate its input without loading every handler.
export { parseInput };

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
