import type { Result } from '../../../shared/errors';
import type { ShellApi } from '../../../shared/shell-api';
import { LoketClientError } from './client';

declare global {
  interface Window {
    /** The Electron shell's own methods (kiosk lock-down); absent in the browser fallback. */
    loketShell?: ShellApi;
  }
}

export function shellBridge(): ShellApi | null {
  return typeof window !== 'undefined' ? (window.loketShell ?? null) : null;
}

/** A shell answer as a value, or the same error the core client throws, so `app.err` words it. */
export async function shellCall<T>(call: Promise<Result<T>>): Promise<T> {
  const result = await call;
  if (result.ok) return result.value;
  throw new LoketClientError(result.error.code, result.error.params);
}
