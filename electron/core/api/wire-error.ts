import { LoketError, type WireError } from '../../../shared/errors';

/**
 * Map any failure to an error the operator can act on. SQLite's "disk full" and I/O errors get
 * their own codes: the transaction was rolled back, so nothing confirmed before is lost.
 */
export function toWireError(error: unknown): WireError {
  if (error instanceof LoketError) return { code: error.code, params: error.params };
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return { code: 'disk_full', params: {} };
  if (typeof code === 'string' && (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_READONLY')) {
    return { code: 'storage_failed', params: { detail: code } };
  }
  // The message may carry personal data from the input; log the kind only.
  console.error('loket: unexpected error', error instanceof Error ? error.name : typeof error, code ?? '');
  return { code: 'internal', params: { detail: error instanceof Error ? error.name : 'unknown' } };
}
