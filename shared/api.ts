import { z } from 'zod';
import { API_METHODS, type ApiMethod } from './api-methods';
import { ORGANIZER_PIN } from './domain/pin';
import { cleanText } from './domain/text';
import type { Lang } from './i18n';
import type { ImportIssueCode } from './i18n/messages';

/**
 * The one contract between the UI and the desk core. Electron's preload exposes these names as
 * methods, the browser fallback POSTs to /api/<name>, and the core registers a handler for each:
 * a missing handler is a compile error (see electron/core/api/handlers.ts).
 */

/** Every text field the faces send, cleaned as stored text is (cleanText) before its length is checked. */
const trimmed = (max: number) => z.string().overwrite(cleanText).max(max);

/** A day of the calendar as YYYY-MM-DD: the shape alone let "2024-13-45" through as an event's date. */
const isoDate = () =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((s) => {
      const day = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(s);
    }, 'not a day of the calendar');

export const eventSetupSchema = z.object({
  name: trimmed(200).min(1),
  date: isoDate(),
  venue: trimmed(200),
  timezone: trimmed(64).default('Asia/Makassar'),
  regencies: z
    .array(z.object({ code: z.string().regex(/^63\.\d{2}$/), target: z.number().int().min(0).max(100_000) }))
    .min(1)
    .max(20)
    .optional(),
  nibRequired: z.boolean().default(true),
  pin: z.string().regex(ORGANIZER_PIN),
  deskName: trimmed(80).min(1).optional(),
});
export type EventSetupInput = z.input<typeof eventSetupSchema>;

export const walkInSchema = z.object({
  nib: trimmed(40).optional(),
  /** Checked by the service: a name needs a letter once cleaned (as the import asks). */
  name: trimmed(200),
  business: trimmed(200).default(''),
  phone: trimmed(40).optional(),
  regency: z.string().regex(/^63\.\d{2}$/).nullable().optional(),
  district: trimmed(120).default(''),
  address: trimmed(400).default(''),
  productType: trimmed(120).default(''),
  productName: trimmed(400).default(''),
  /** Optional; asked only where the ministry requires it, and shown masked afterwards. */
  nik: trimmed(40).optional(),
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
  /**
   * The file's bytes as they are: over IPC a structured clone, over HTTP the body itself
   * (shared/file-call.ts), never base64 in JSON, which the desk would have to parse on the thread
   * that answers check-ins. Its size is checked where it is read (100 MB).
   */
  content: z.custom<Uint8Array>((value) => value instanceof Uint8Array, { message: "expected the file's bytes" }),
  /** Per sheet name; sheets without an entry use the detected mapping. */
  mappings: z.record(z.string(), mappingSchema).optional(),
  /** Hidden sheets to import as well (by name); hidden sheets are otherwise listed, not imported. */
  includeSheets: z.array(z.string().max(200)).max(300).optional(),
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
  /** By ID, or by a scanned badge code, verified like a check-in but recording nothing. */
  participant: z.union([z.object({ id: z.string().min(1).max(64) }), z.object({ code: z.string().max(400) })]),
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
  /** The operator confirms that a badge printed with the browser's dialog came out of the printer. */
  confirmBadgePrint: z.object({
    participantId: z.string().min(1).max(64),
    layout: badgeLayoutSchema,
    reason: trimmed(300).min(1).optional(),
  }),
  printTestPage: z.object({}),
  deskSettings: z.object({}),
  setDeskSettings: z.object({
    printMode: z.enum(['always', 'ask', 'never']).optional(),
    layout: badgeLayoutSchema.optional(),
    printer: trimmed(200).nullable().optional(),
  }),
  certificates: z.object({ participantId: z.string().min(1).max(64) }),
  addCertificate: z.object({
    participantId: z.string().min(1).max(64),
    number: trimmed(40).min(1),
    products: z.array(trimmed(200)).max(50).default([]),
    issueDate: isoDate().nullable().default(null),
    status: z.enum(['belum_terbit', 'tersedia']).default('tersedia'),
    /** The organizer confirms a number that is not "ID" + 17 digits. */
    acceptOddNumber: z.boolean().default(false),
  }),
  previewCertificateImport: importFileSchema,
  commitCertificateImport: importFileSchema,
  handOver: z.object({
    participantId: z.string().min(1).max(64),
    /** Scanned or typed from the certificate in hand: it must belong to this participant. */
    number: trimmed(60).min(1),
    recipient: z.object({
      kind: z.enum(['owner', 'representative']),
      name: trimmed(200).optional(),
      relationship: trimmed(80).optional(),
      /** Typed in full at the desk, stored masked only. */
      idNumber: trimmed(40).optional(),
      letterShown: z.boolean().default(false),
    }),
    signature: z.string().max(40_000).nullable(),
    photo: z.string().max(120_000).regex(/^data:image\/jpeg;base64,/).nullable().default(null),
    /** With the organizer PIN: hand over a certificate that was handed over already. */
    overrideReason: trimmed(300).min(1).optional(),
  }),
  voidHandover: z.object({ certificateId: z.string().min(1).max(64), reason: trimmed(300).min(1) }),
  conflicts: z.object({}),
  resolveConflict: z.object({ certificateId: z.string().min(1).max(64), keep: z.string().min(1).max(80), reason: trimmed(300).min(1) }),
  stock: z.object({}),
  closeDesk: z.object({}),
  /** Print (again) the tanda terima of a certificate's latest handover on this desk's printer. */
  printReceipt: z.object({ certificateId: z.string().min(1).max(64) }),
  syncStatus: z.object({}),
  /** The PIN again, even with the organizer unlocked: the join code carries the event secret. */
  invite: z.object({ pin: z.string().max(12) }),
  /** The typed join code (or the join QR's text); case, spaces and dashes do not matter. */
  joinEvent: z.object({ code: z.string().trim().min(1).max(600) }),
  batchBadges: z.object({ regency: z.string().regex(/^63\.\d{2}$/).optional(), layout: badgeLayoutSchema.optional() }),
  /** ';' suits Excel under Indonesian regional settings; ',' suits most other readers. */
  exportDay: z.object({ separator: z.enum([';', ',']).optional() }),
  lanSettings: z.object({}),
  /** Organizer only: the Electron desk then accepts desks on the LAN at /sync and announces itself by mDNS. */
  setLanSettings: z.object({ enabled: z.boolean() }),
  backupOverview: z.object({}),
  setBackupSettings: z.object({
    /** An absolute folder on this machine (a USB stick); null stops the backups. */
    folder: z.string().trim().min(1).max(1000).nullable().optional(),
    intervalMin: z.number().int().min(1).max(240).optional(),
    keep: z.number().int().min(1).max(500).optional(),
  }),
  backupNow: z.object({}),
  uplinkOverview: z.object({}),
  /** The province server's URL with its password (kept on this machine only, never shown again); null forgets it. */
  setUplink: z.object({ url: z.string().trim().min(1).max(2000).nullable(), insecure: z.boolean().default(false) }),
  privacyOverview: z.object({}),
  setRetention: z.object({ date: isoDate() }),
  /** The PIN again, even with the organizer unlocked: a purge cannot be undone. */
  purgePersonalData: z.object({ pin: z.string().max(12) }),
  reportSettings: z.object({}),
  setReportSettings: z.object({
    /** Who signs the Berita Acara and the Daftar Hadir, first one as PIHAK PERTAMA. */
    signatories: z.array(z.object({ name: trimmed(200).min(1), nip: trimmed(40), position: trimmed(200) })).min(1).max(4).optional(),
    /** The participant-sheet template as JSON text; null goes back to the built-in one. */
    template: z.string().max(100_000).nullable().optional(),
  }),
  /** The organizer's live overview; `bigScreen` (no personal data) needs no PIN, so a projector keeps running. */
  dashboard: z.object({ bigScreen: z.boolean().default(false) }),
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
  /** "6371••••••••0001"; the full NIK never leaves the core except in the ministry export. */
  nikMasked?: string | null;
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
  /** Total and signature rows, recognised as not data and not counted in `rows`. */
  nonDataRows: number;
  /** Hidden or very hidden in the workbook: imported only when named in `includeSheets`. */
  hidden?: boolean;
  /** Where the regency comes from when no column gives it. */
  regencyFrom?: { source: 'sheet' | 'title'; text: string; code: string };
  /** First rows as they will be imported, for the organizer to check the mapping. */
  sample: Record<ImportField, string>[];
}

export interface ImportPreview {
  fileName: string;
  sheets: SheetPreview[];
  rows: number;
  nonDataRows: number;
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
  /**
   * 'silent': printed by the desk's printer (Electron) and recorded; 'browser': print `html` with
   * the browser's dialog, then record it with `confirmBadgePrint` once the operator saw it printed.
   */
  mode: 'silent' | 'browser';
  html: string;
  layout: BadgeLayout;
  participant: ParticipantDetail;
}

export interface DeskSettings {
  printMode: 'always' | 'ask' | 'never';
  layout: BadgeLayout;
  printer: string | null;
  /** Printers the desk can print to silently; empty in the browser fallback. */
  printers: string[];
}

export interface HandoverView {
  id: string;
  at: number;
  deskName: string;
  operator: string;
  recipient: { kind: 'owner' | 'representative'; name: string; relationship: string | null; idNumberMasked: string | null; letterShown: boolean };
  /** The drawn signature as an SVG path (1000×400 box), or null. */
  signature: string | null;
  photo: string | null;
  overrideReason: string | null;
}

export interface CertificateView {
  id: string;
  number: string;
  /** Not "ID" + 17 digits: kept, but shown with a warning. */
  numberWarning: boolean;
  products: string[];
  issueDate: string | null;
  status: 'belum_terbit' | 'tersedia' | 'diserahkan';
  participantId: string;
  participantName: string;
  nib: string | null;
  regency: string | null;
  /** Standing handovers, earliest first; more than one is a conflict. */
  handovers: HandoverView[];
  conflict: boolean;
}

export interface HandoverOutcome {
  certificate: CertificateView;
  /** The tanda terima, a printable HTML document. */
  receiptHtml: string;
}

export type ConflictView =
  | { kind: 'handover'; certificate: CertificateView }
  | { kind: 'edit'; participantId: string; name: string; field: string; events: string[] };

export interface StockCounts {
  listed: number;
  notIssued: number;
  inStock: number;
  handedOwner: number;
  handedRepresentative: number;
}

export interface StockReport {
  totals: StockCounts;
  byRegency: (StockCounts & { code: string; name: string })[];
  byDesk: { desk: string; deskName: string; handedOwner: number; handedRepresentative: number }[];
}

export interface DeskClosing {
  desk: string;
  deskName: string;
  at: number;
  handedOver: { number: string; participantName: string; recipient: string; representative: boolean; at: number }[];
  inStock: number;
  /** A printable report to sign, like a cash drawer count. */
  html: string;
}

export interface FileDownload {
  fileName: string;
  contentBase64: string;
}

/** One desk as the sync screen shows it; numbers come from version vectors. */
export interface SyncDeskView {
  id: string;
  name: string;
  /** This desk itself. */
  self: boolean;
  /** A live link to it right now. */
  linked: boolean;
  /** Epoch ms of the last message from it; null for a desk only heard of through others. */
  lastContact: number | null;
  /** Its events this desk holds without a gap. */
  held: number;
  /** Its events some peer said it holds and this desk does not have yet. */
  lacking: number;
  /** Its clock minus ours at the last link; null when never linked. */
  clockOffsetMs: number | null;
  /** Off by more than a minute: its data is still taken, but someone should check its clock. */
  clockWarning: boolean;
}

/**
 * `differs`: the same (desk, seq) arrived with different content (someone's data was altered; the
 * first content stays). `damaged`: it arrived from `fromName` with content that no longer matches
 * its hash, and was refused. `damaged_here`: this desk's own database holds it damaged.
 */
export type SyncAlarmKind = 'differs' | 'damaged' | 'damaged_here';

/** An integrity alarm on the sync screen. */
export interface SyncAlarmView {
  desk: string;
  deskName: string;
  seq: number;
  kind: SyncAlarmKind;
  /** The desk it came from, or the desk whose bundle file carried it. */
  fromName: string;
  viaBundle: boolean;
  /** Found by the province uplink: on that server (`fromName` is user@host:port/db), or in this desk's own copy before sending. */
  viaUplink: 'server' | 'local' | null;
  firstSeen: number;
  count: number;
}

/**
 * Why a desk that answered was not linked: it belongs to another event (another secret), or runs an
 * older or newer Loket whose frames this one cannot read. Fixed only by someone at the desks.
 */
export type SyncRefusalReason = 'other_event' | 'older_version' | 'newer_version';

export interface SyncRefusalView {
  /** The refused desk's host (IP address or name). */
  address: string;
  reason: SyncRefusalReason;
  /** Epoch ms of the latest refusal; the list forgets a desk that stops trying. */
  at: number;
}

export interface SyncOverview {
  /** Replication runs in this desk's process (it does not in a CLI-only setup). */
  lanSync: boolean;
  /** Where other desks can reach this one; empty when it only dials out. */
  addresses: string[];
  desks: SyncDeskView[];
  alarms: SyncAlarmView[];
  refusals: SyncRefusalView[];
  /** Equal on two desks exactly when they hold the same events. */
  digest: string;
}

/** LAN sync of a desk with a window (off by default: it then only dials the desks it knows). */
export interface LanSettings {
  enabled: boolean;
  /** This face can listen (the Electron desk); elsewhere the setting is kept but has no effect. */
  available: boolean;
  listening: boolean;
  /** The port it listens on (for a firewall rule), null when it does not. */
  port: number | null;
  /** Where other desks reach this one while it listens. */
  addresses: string[];
}

export interface JoinInvite {
  /** The typed join code: LOKET-XXXXX-… */
  code: string;
  /** The same code as a QR image (PNG data URL) for a webcam to read. */
  qrPngDataUrl: string;
  /** The desk addresses inside the code (http://host:port); empty when this desk takes no connections. */
  addresses: string[];
}

/** The end-of-day export: where it went, each file's SHA-256, and whether every desk's events are in it. */
export interface ReportSettings {
  signatories: { name: string; nip: string; position: string }[];
  /** The participant-sheet template in force, as pretty JSON the organizer can download and edit. */
  template: string;
  /** The sheet's column headers in order, for showing the layout at a glance. */
  columns: string[];
  customTemplate: boolean;
}

export interface ExportResult {
  folder: string;
  files: { name: string; sha256: string }[];
  complete: boolean;
  /** Desks whose latest events may be missing, named, in Indonesian (the report's language). */
  warnings: string[];
}

/** Automatic backups of this desk (settings are this machine's, not the event's). */
export interface BackupOverview {
  folder: string | null;
  intervalMin: number;
  keep: number;
  /** Epoch ms of the last backup that succeeded. */
  lastAt: number | null;
  lastFile: string | null;
  /** The last attempt failed (e.g. the USB stick was pulled); cleared by the next success. */
  error: { at: number; detail: string } | null;
  /** This desk's backups in the folder, oldest first. */
  files: string[];
  folderReachable: boolean;
}

/** The province uplink of this desk: where to (never the password), and how it went last. */
export interface UplinkOverview {
  /** user@host:port/db, or null when none is set. */
  server: string | null;
  insecure: boolean;
  /** This desk's process keeps the uplink running (otherwise `loket uplink` must run beside it). */
  running: boolean;
  connected: boolean;
  /** Epoch ms of the last push that completed (by this process or `loket uplink`). */
  lastPushAt: number | null;
  /** Events this desk holds that the server lacked at the last contact; null before the first. */
  behind: number | null;
  error: { at: number; detail: string } | null;
}

/** Data protection (UU PDP): retention, export and purge state of this desk. */
export interface PrivacyOverview {
  retentionDate: string | null;
  /** The retention date has passed and this desk still holds personal data: remind the organizer. */
  retentionPassed: boolean;
  /** Epoch ms of the last export from this desk; the purge needs one. */
  exportedAt: number | null;
  /** Participant or handover records added since that export (null without an export). */
  personalSinceExport: number | null;
  purged: boolean;
  /**
   * The reports exported from this desk's screen: the ministry's copy, kept until it has been
   * handed over, so a purge leaves it and the organizer deletes it by hand.
   */
  exportsFolder: string;
}

export interface PurgeOutcome extends PrivacyOverview {
  /** Files deleted besides the database: backups, databases set aside by a restore, bundles. */
  copiesRemoved: number;
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
  confirmBadgePrint: ParticipantDetail;
  printTestPage: { mode: 'silent' | 'browser'; html: string };
  deskSettings: DeskSettings;
  setDeskSettings: DeskSettings;
  batchBadges: FileDownload;
  certificates: CertificateView[];
  addCertificate: CertificateView;
  previewCertificateImport: ImportResult;
  commitCertificateImport: ImportResult;
  handOver: HandoverOutcome;
  voidHandover: CertificateView;
  conflicts: ConflictView[];
  resolveConflict: CertificateView;
  stock: StockReport;
  closeDesk: DeskClosing;
  printReceipt: { mode: 'silent' | 'browser'; html: string };
  syncStatus: SyncOverview;
  invite: JoinInvite;
  joinEvent: DeskInfo;
  exportDay: ExportResult;
  lanSettings: LanSettings;
  setLanSettings: LanSettings;
  backupOverview: BackupOverview;
  setBackupSettings: BackupOverview;
  backupNow: BackupOverview;
  uplinkOverview: UplinkOverview;
  setUplink: UplinkOverview;
  privacyOverview: PrivacyOverview;
  setRetention: PrivacyOverview;
  purgePersonalData: PurgeOutcome;
  reportSettings: ReportSettings;
  setReportSettings: ReportSettings;
  dashboard: Dashboard;
}

/** When the people still expected will be through at the pace of the last hour. */
export interface QueueEta {
  /** Registered and not present yet. */
  remaining: number;
  /** Arrivals per hour over the last hour (or since the first arrival, if the doors opened later); 0 without pace. */
  perHour: number;
  /** `no_pace`: nobody arrived in the last hour, so there is no estimate (said so, never guessed). */
  state: 'done' | 'no_pace' | 'estimate';
  /** Epoch ms; set only for `estimate`. */
  at: number | null;
}

/** Arrivals (first standing check-in per participant) per quarter hour of the local day. */
export interface ArrivalBuckets {
  bucketMinutes: 15;
  /** Epoch ms at which the first bucket starts. */
  start: number;
  counts: number[];
  /** Arrivals on another day; `counts` and `outside` add up to the present. */
  outside: number;
}

export interface LastHourCount {
  desk: string;
  deskName: string;
  checkins: number;
  /** How many people checked in at that desk, without naming them. */
  operators: number;
}

export interface OperatorHourCount {
  desk: string;
  deskName: string;
  operator: string;
  checkins: number;
}

export interface DashboardDeskHealth {
  id: string;
  name: string;
  self: boolean;
  /** live: linked now; recent/quiet: last heard within ten minutes or longer ago; unknown: never heard of directly or by its events. */
  state: 'self' | 'live' | 'recent' | 'quiet' | 'unknown';
  /** Epoch ms of its last sync message or latest event held here, whichever is later. */
  lastHeard: number | null;
  /** Its events held here without a gap. */
  events: number;
  clockWarning: boolean;
}

export interface Dashboard {
  /** The desk's clock when the figures were taken. */
  at: number;
  timezone: string;
  /** Operator names were left out. */
  bigScreen: boolean;
  target: number;
  participants: number;
  present: number;
  walkIns: number;
  byRegency: { code: string; name: string; target: number; participants: number; present: number; eta: QueueEta }[];
  unknownRegency: { participants: number; present: number };
  arrivals: ArrivalBuckets;
  certificates: { listed: number; handedOwner: number; handedRepresentative: number; remaining: number; notIssued: number };
  lastHour: { desks: LastHourCount[]; operators: OperatorHourCount[] | null };
  conflicts: { handover: number; edit: number };
  sync: { desks: DashboardDeskHealth[]; alarms: number; digest: string };
  eta: QueueEta;
}

export type LoketClient = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResults[M]> };
