import { z } from 'zod';
import { API_METHODS, type ApiMethod } from './api-methods';
import type { Lang } from './i18n';
import type { ImportIssueCode } from './i18n/messages';

/**
 * The one contract between the UI and the desk core. Electron's preload exposes these names as
 * methods, the browser fallback POSTs to /api/<name>, and the core registers a handler for each:
 * a missing handler is a compile error (see electron/core/api/handlers.ts).
 */

const trimmed = (max: number) => z.string().trim().max(max);

export const eventSetupSchema = z.object({
  name: trimmed(200).min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  venue: trimmed(200),
  timezone: trimmed(64).default('Asia/Makassar'),
  regencies: z
    .array(z.object({ code: z.string().regex(/^63\.\d{2}$/), target: z.number().int().min(0).max(100_000) }))
    .min(1)
    .max(20)
    .optional(),
  nibRequired: z.boolean().default(true),
  pin: z.string().regex(/^\d{4,12}$/),
  deskName: trimmed(80).min(1).optional(),
});
export type EventSetupInput = z.input<typeof eventSetupSchema>;

export const walkInSchema = z.object({
  nib: trimmed(40).optional(),
  name: trimmed(200).min(1),
  business: trimmed(200).default(''),
  phone: trimmed(40).optional(),
  regency: z.string().regex(/^63\.\d{2}$/).nullable().optional(),
  district: trimmed(120).default(''),
  address: trimmed(400).default(''),
  productType: trimmed(120).default(''),
  productName: trimmed(400).default(''),
});
export type WalkInInput = z.input<typeof walkInSchema>;

export const BADGE_LAYOUTS = ['a6', 'cr80', 'thermal58', 'thermal80', 'a4'] as const;
export const badgeLayoutSchema = z.enum(BADGE_LAYOUTS);
export type BadgeLayout = (typeof BADGE_LAYOUTS)[number];

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
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Column index (0-based) per field; a field left out is not imported. */
export const mappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(500));
export type ColumnMapping = z.infer<typeof mappingSchema>;

export const importFileSchema = z.object({
  fileName: trimmed(260).min(1),
  contentBase64: z.string().max(200 * 1024 * 1024),
  /** Per sheet name; sheets without an entry use the detected mapping. */
  mappings: z.record(z.string(), mappingSchema).optional(),
});
export type ImportFileInput = z.input<typeof importFileSchema>;

export const apiSchemas = {
  deskInfo: z.object({}),
  setLanguage: z.object({ lang: z.enum(['id', 'en']) }),
  createEvent: eventSetupSchema,
  signIn: z.object({ name: trimmed(80).min(1) }),
  signOut: z.object({}),
  unlockOrganizer: z.object({ pin: z.string().max(12) }),
  lockOrganizer: z.object({}),
  search: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }),
  participant: z.object({ id: z.string().min(1).max(64) }),
  checkIn: z.union([
    z.object({ participantId: z.string().min(1).max(64), via: z.enum(['search', 'nib', 'qr']).default('search') }),
    z.object({ nib: z.string().max(40) }),
    /** Whatever a scanner or camera read: a signed badge code or a plain NIB. */
    z.object({ code: z.string().max(400) }),
  ]),
  voidCheckIn: z.object({ participantId: z.string().min(1).max(64), reason: trimmed(300).min(1) }),
  registerWalkIn: walkInSchema,
  previewImport: importFileSchema,
  commitImport: importFileSchema,
  importProblems: importFileSchema,
  status: z.object({}),
  badge: z.object({ participantId: z.string().min(1).max(64), layout: badgeLayoutSchema.optional() }),
  printBadge: z.object({
    participantId: z.string().min(1).max(64),
    layout: badgeLayoutSchema.optional(),
    reason: trimmed(300).min(1).optional(),
  }),
  printTestPage: z.object({}),
  deskSettings: z.object({}),
  setDeskSettings: z.object({
    printMode: z.enum(['always', 'ask', 'never']).optional(),
    layout: badgeLayoutSchema.optional(),
    printer: trimmed(200).nullable().optional(),
  }),
  batchBadges: z.object({ regency: z.string().regex(/^63\.\d{2}$/).optional(), layout: badgeLayoutSchema.optional() }),
} as const satisfies Record<ApiMethod, z.ZodType>;

export { API_METHODS, type ApiMethod };
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiSchemas)[M]>;
export type ApiParsed<M extends ApiMethod> = z.output<(typeof apiSchemas)[M]>;

export interface CheckinView {
  id: string;
  /** Epoch milliseconds (from the recording desk's hybrid clock). */
  at: number;
  desk: string;
  deskName: string;
  operator: string;
  via: string;
}

export interface ParticipantSummary {
  id: string;
  nib: string | null;
  name: string;
  business: string;
  regency: string | null;
  regencyName: string | null;
  phone: string | null;
  walkIn: boolean;
  present: boolean;
  checkin: CheckinView | null;
}

export interface BadgePrintView {
  at: number;
  deskName: string;
  operator: string;
  layout: string;
  reason: string | null;
}

export interface ParticipantDetail extends ParticipantSummary {
  /** Badges printed so far, first print first: a non-empty list means "already printed". */
  badges: BadgePrintView[];
  district: string;
  address: string;
  productType: string;
  productName: string;
  source: { file: string; sheet: string; row: number } | null;
  history: { at: number; desk: string; deskName: string; operator: string; action: string; detail: string }[];
  editConflicts: { field: string; events: string[] }[];
}

export interface CheckinOutcome {
  status: 'checked_in' | 'already_present';
  participant: ParticipantDetail;
}

export interface RegencyCount {
  code: string;
  name: string;
  target: number;
  participants: number;
  checkedIn: number;
}

export interface DeskView {
  id: string;
  name: string;
  operator: string | null;
  dataDir: string;
  events: number;
}

export interface EventView {
  eventId: string;
  name: string;
  date: string;
  venue: string;
  timezone: string;
  nibRequired: boolean;
  demo: boolean;
  regencies: { code: string; name: string; target: number }[];
}

export interface DeskInfo {
  event: EventView | null;
  desk: DeskView;
  lang: Lang;
  organizerUntil: number | null;
}

export interface Status {
  participants: number;
  checkedIn: number;
  walkIns: number;
  byRegency: RegencyCount[];
  unknownRegency: { participants: number; checkedIn: number };
  desk: DeskView;
}

export interface ImportIssue {
  sheet: string;
  /** 1-based, as the spreadsheet shows it. */
  row: number;
  field: string;
  code: ImportIssueCode;
  /** The code in the desk's language, with the parameters filled in. */
  message: string;
  value?: string;
  /** For a duplicate NIB: the row it repeats. */
  otherRow?: number;
}

export interface SheetPreview {
  sheet: string;
  headerRow: number | null;
  headers: string[];
  mapping: ColumnMapping;
  rows: number;
  /** First rows as they will be imported, for the organizer to check the mapping. */
  sample: Record<ImportField, string>[];
}

export interface ImportPreview {
  fileName: string;
  sheets: SheetPreview[];
  rows: number;
  valid: number;
  /** Of the valid rows: new participants and changed ones, against what this desk holds now. */
  toImport: number;
  toUpdate: number;
  unchanged: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface ImportResult {
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface BadgeDocument {
  layout: BadgeLayout;
  /** The signed text inside the QR code. */
  code: string;
  /** A complete HTML document (inline SVG QR code, no scripts) sized for the layout's paper. */
  html: string;
  alreadyPrinted: BadgePrintView | null;
}

export interface PrintOutcome {
  /** 'silent': printed by the desk's printer (Electron); 'browser': print `html` with the browser's dialog. */
  mode: 'silent' | 'browser';
  html: string;
  participant: ParticipantDetail;
}

export interface DeskSettings {
  printMode: 'always' | 'ask' | 'never';
  layout: BadgeLayout;
  printer: string | null;
  /** Printers the desk can print to silently; empty in the browser fallback. */
  printers: string[];
}

export interface FileDownload {
  fileName: string;
  contentBase64: string;
}

/** What each method returns. */
export interface ApiResults {
  deskInfo: DeskInfo;
  setLanguage: DeskInfo;
  createEvent: DeskInfo;
  signIn: DeskInfo;
  signOut: DeskInfo;
  unlockOrganizer: DeskInfo;
  lockOrganizer: DeskInfo;
  search: ParticipantSummary[];
  participant: ParticipantDetail;
  checkIn: CheckinOutcome;
  voidCheckIn: ParticipantDetail;
  registerWalkIn: CheckinOutcome;
  previewImport: ImportPreview;
  commitImport: ImportResult;
  importProblems: FileDownload;
  status: Status;
  badge: BadgeDocument;
  printBadge: PrintOutcome;
  printTestPage: { mode: 'silent' | 'browser'; html: string };
  deskSettings: DeskSettings;
  setDeskSettings: DeskSettings;
  batchBadges: FileDownload;
}

export type LoketClient = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResults[M]> };
