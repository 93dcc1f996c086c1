import type { ErrorCode, ErrorParams } from '../../../shared/errors';
import { t, type Lang, type TextKey } from '../../../shared/i18n';
import { LoketClientError, type ClientErrorCode } from './client';

export interface UiError {
  code: ClientErrorCode;
  params: ErrorParams;
}

/** Code and parameters of anything thrown by the client (or by a bug). */
export function toUiError(error: unknown): UiError {
  if (error instanceof LoketClientError) return { code: error.code, params: error.params };
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    const e = error as { code: string; params?: ErrorParams };
    return { code: e.code as ErrorCode, params: e.params ?? {} };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', params: { detail } };
}

/** The operator-facing sentence for an error, in the desk's language. */
export function errorText(lang: Lang, error: unknown): string {
  const { code, params } = toUiError(error);
  const key = `error.${code}` as TextKey;
  const text = t(lang, key, params);
  return text === key ? t(lang, 'error.internal', { detail: code }) : text;
}
