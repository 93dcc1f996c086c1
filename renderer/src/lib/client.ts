import type { ApiInput, ApiMethod, ApiResults, LoketClient } from '../../../shared/api';
import { API_METHODS } from '../../../shared/api-methods';
import type { ErrorCode, ErrorParams, Result } from '../../../shared/errors';
import { FILE_CALL_JSON_LENGTH, FILE_CALL_TYPE, FILE_FIELD } from '../../../shared/file-call';

/**
 * The renderer's one way to the desk core: Electron's preload bridge when it exists, otherwise the
 * browser fallback over HTTP. Both answer with the same `Result<T>` shape; a failure becomes a
 * thrown `LoketClientError` carrying the error code and its parameters, which the UI turns into
 * a sentence with `t(lang, 'error.' + code, params)`.
 */

/** Every API method (the schema-free list, so zod stays out of the renderer bundle). */
export const CLIENT_METHODS: readonly ApiMethod[] = API_METHODS;

/** `network`: the desk core could not be reached at all (browser fallback only). */
export type ClientErrorCode = ErrorCode | 'network';

export class LoketClientError extends Error {
  readonly code: ClientErrorCode;
  readonly params: ErrorParams;
  constructor(code: ClientErrorCode, params: ErrorParams = {}) {
    super(code);
    this.name = 'LoketClientError';
    this.code = code;
    this.params = params;
  }
}

/** What Electron's preload exposes as `window.loket`; `session` is the page's token (see sessionToken). */
export type LoketBridge = {
  [M in ApiMethod]: (input: ApiInput<M>, session?: string) => Promise<Result<ApiResults[M]>>;
} & {
  /** Calls back whenever the desk's data changed; may return an unsubscribe function. */
  onChange?: (callback: () => void) => (() => void) | void;
};

declare global {
  interface Window {
    loket?: LoketBridge;
  }
}

function unwrap<T>(result: Result<T> | undefined | null): T {
  if (result && typeof result === 'object' && 'ok' in result) {
    if (result.ok) return result.value;
    const error = result.error ?? { code: 'internal', params: {} };
    throw new LoketClientError(error.code ?? 'internal', error.params ?? {});
  }
  throw new LoketClientError('internal', { detail: 'malformed reply' });
}

/**
 * A random token for one client (one page), sent with every call: the core holds an organizer
 * unlock for the token that typed the PIN, so another tab or program on this desk stays locked.
 * Kept in memory only: a reload starts locked.
 */
export function sessionToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function bridgeClient(bridge: LoketBridge, session = sessionToken()): LoketClient {
  const client: Partial<Record<ApiMethod, (input: never) => Promise<unknown>>> = {};
  for (const method of CLIENT_METHODS) {
    client[method] = async (input: never) => {
      const fn = bridge[method] as (input: unknown, session: string) => Promise<Result<unknown>>;
      if (typeof fn !== 'function') throw new LoketClientError('internal', { detail: `no bridge method ${method}` });
      return unwrap(await fn(input, session));
    };
  }
  return client as unknown as LoketClient;
}

/**
 * A call's body: its input as JSON, or, for a call carrying a file, the JSON of the rest followed
 * by the file's bytes (shared/file-call.ts), so that neither side turns megabytes into base64.
 */
function httpBody(input: object): { body: BodyInit; headers: Record<string, string> } {
  const { [FILE_FIELD]: file, ...rest } = input as Record<string, unknown>;
  if (!(file instanceof Uint8Array)) return { body: JSON.stringify(input), headers: { 'Content-Type': 'application/json' } };
  const json = new TextEncoder().encode(JSON.stringify(rest));
  return { body: new Blob([json, file as Uint8Array<ArrayBuffer>]), headers: { 'Content-Type': FILE_CALL_TYPE, [FILE_CALL_JSON_LENGTH]: String(json.length) } };
}

export function httpClient(base = '/api/', fetchImpl: typeof fetch = (...args) => fetch(...args), session = sessionToken()): LoketClient {
  const client: Partial<Record<ApiMethod, (input: never) => Promise<unknown>>> = {};
  for (const method of CLIENT_METHODS) {
    client[method] = async (input: never) => {
      let response: Response;
      try {
        const request = httpBody(input ?? {});
        response = await fetchImpl(`${base}${method}`, {
          method: 'POST',
          headers: { ...request.headers, 'X-Loket-Client': '1', 'X-Loket-Session': session },
          body: request.body,
          cache: 'no-store',
        });
      } catch {
        throw new LoketClientError('network');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new LoketClientError(response.ok ? 'internal' : 'network', { detail: `HTTP ${response.status}` });
      }
      return unwrap(body as Result<unknown>);
    };
  }
  return client as unknown as LoketClient;
}

export function createClient(): LoketClient {
  return typeof window !== 'undefined' && window.loket ? bridgeClient(window.loket) : httpClient();
}

export interface ChangeHandlers {
  /** The desk's data changed (this process, another process on the same data, a sync peer). */
  change: () => void;
  /** The live connection went down or came back (browser fallback only). */
  connection?: (online: boolean) => void;
}

export type ChangeSource = (handlers: ChangeHandlers) => () => void;

/** Live updates: `window.loket.onChange` under Electron, Server-Sent Events from /api/changes otherwise. */
export const subscribeChanges: ChangeSource = (handlers) => {
  if (typeof window === 'undefined') return () => {};
  const bridge = window.loket;
  if (bridge) {
    const off = bridge.onChange?.(() => handlers.change());
    return () => {
      if (typeof off === 'function') off();
    };
  }
  if (typeof EventSource === 'undefined') return () => {};
  const source = new EventSource('/api/changes');
  let wasDown = false;
  const onChange = () => handlers.change();
  source.addEventListener('change', onChange);
  source.addEventListener('message', onChange);
  source.addEventListener('open', () => {
    handlers.connection?.(true);
    // Whatever happened while the connection was down is unseen: refresh once.
    if (wasDown) handlers.change();
    wasDown = false;
  });
  source.addEventListener('error', () => {
    wasDown = true;
    handlers.connection?.(source.readyState === EventSource.OPEN);
  });
  return () => source.close();
};
