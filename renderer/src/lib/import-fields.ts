import type { ImportField } from '../../../shared/api';

/**
 * The import fields in display order. shared/api.ts has the same list, but importing a value from
 * it would pull zod and every schema into the renderer bundle; the type checks keep the two equal.
 */
export const IMPORT_FIELDS = [
  'nib',
  'name',
  'business',
  'phone',
  'regency',
  'district',
  'address',
  'productType',
  'productName',
] as const satisfies readonly ImportField[];

type Missing = Exclude<ImportField, (typeof IMPORT_FIELDS)[number]>;
/** Fails to compile when shared/api.ts gains a field this list lacks. */
export const IMPORT_FIELDS_COMPLETE: Missing extends never ? true : never = true;
