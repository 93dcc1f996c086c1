import type { IncomingHttpHeaders } from 'node:http';
import type { Result } from '../../../shared/errors';
import { FILE_CALL_JSON_LENGTH, FILE_FIELD } from '../../../shared/file-call';

const refused = (detail: string): Result<never> => ({ ok: false, error: { code: 'bad_request', params: { detail } } });

/** Most a file call's JSON part may hold: the rest of an import's input is a name, mappings and sheet names. */
const MAX_JSON_PART = 256 * 1024;

/**
 * The input of a call that carries a file (shared/file-call.ts): the JSON part parsed, the file's
 * bytes a view of the body as received, neither copied nor decoded here. The schema of the method
 * checks the rest, as for every call.
 */
export function readFileCall(body: Buffer, headers: IncomingHttpHeaders): Result<unknown> {
  const declared = headers[FILE_CALL_JSON_LENGTH];
  const length = typeof declared === 'string' && /^\d{1,7}$/.test(declared) ? Number(declared) : -1;
  if (length < 2 || length > Math.min(body.length, MAX_JSON_PART)) return refused(`${FILE_CALL_JSON_LENGTH}: not the length of the JSON at the start of the body`);
  let rest: unknown;
  try {
    rest = JSON.parse(body.toString('utf8', 0, length));
  } catch {
    return refused('JSON');
  }
  if (typeof rest !== 'object' || rest === null || Array.isArray(rest) || Object.hasOwn(rest, FILE_FIELD)) return refused(`the JSON part must be an object without "${FILE_FIELD}"`);
  return { ok: true, value: { ...rest, [FILE_FIELD]: body.subarray(length) } };
}
