/**
 * Errors the operator may see. Services throw these with a code and parameters; every face
 * (UI, CLI) turns the code into a sentence in the operator's language through shared/i18n.
 */
export const ERROR_CODES = [
  'no_event',
  'event_exists',
  'not_signed_in',
  'organizer_locked',
  'wrong_pin',
  'pin_locked',
  'pin_too_short',
  'participant_not_found',
  'nib_invalid',
  'nib_required',
  'nib_taken',
  'name_required',
  'phone_invalid',
  'regency_unknown',
  'regency_required',
  'not_present',
  'reason_required',
  'file_empty',
  'file_unreadable',
  'file_too_large',
  'file_too_complex',
  'no_header',
  'mapping_invalid',
  'import_interrupted',
  'qr_unreadable',
  'qr_forged',
  'qr_other_event',
  'reprint_reason_required',
  'printer_failed',
  'pdf_unavailable',
  'certificate_not_found',
  'wrong_envelope',
  'already_handed_over',
  'certificate_not_issued',
  'signature_required',
  'representative_name_required',
  'certificate_number_invalid',
  'certificate_number_taken',
  'no_conflict',
  'join_code_invalid',
  'bundle_unreadable',
  'bundle_foreign',
  'bundle_version',
  'sync_unreachable',
  'sync_other_event',
  'sync_older_version',
  'sync_newer_version',
  'sync_interrupted',
  'sync_timed_out',
  'template_invalid',
  'template_name_taken',
  'export_folder_unusable',
  'disk_full',
  'storage_failed',
  'database_damaged',
  'backup_not_configured',
  'backup_failed',
  'backup_invalid',
  'export_required',
  'data_after_export',
  'already_purged',
  'nik_invalid',
  'uplink_url_invalid',
  'uplink_insecure',
  'uplink_not_configured',
  'uplink_schema',
  'uplink_failed',
  'uplink_mismatch',
  'bad_request',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

export class LoketError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(code);
    this.name = 'LoketError';
  }
}

export interface WireError {
  code: ErrorCode;
  params: ErrorParams;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WireError };
