import { IMPORT_FIELDS, type ApiParsed, type FileDownload, type ImportPreview, type ImportResult } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';
import type { ParticipantFields } from '../../../shared/events';
import type { ParticipantState } from '../../../shared/fold';
import type { NormalizedImport } from '../../../shared/import/types';
import { backupBefore } from '../backup/backup-file';
import { Checkpointer } from '../store/checkpoint-off-thread';
import type { AppendEvent } from '../store/event-store';
import type { Desk } from '../desk';
import { participantIdFor } from '../ids';
import { importedBody, newParticipantBodies } from '../import/imported-body';
import { importFingerprint, participantKey } from '../import/parse-list';
import { readOffThread, type ParsedFile, type ReadRows } from '../import/parse-off-thread';
import { toWireError } from '../api/wire-error';
import { t, type Lang } from '../../../shared/i18n';
import { writeProblemsWorkbook } from '../import/problems-workbook';

type ImportInput = ApiParsed<'previewImport'>;

/** What recording an import needs of a read list. */
type ListRead = Pick<NormalizedImport, 'rows' | 'candidates' | 'errors' | 'warnings'> & Partial<Pick<NormalizedImport, 'sheets'>>;

interface Counts {
  imported: number;
  updated: number;
  unchanged: number;
}

interface Plan extends Counts {
  events: AppendEvent[];
}

/** What the dry run read, kept (on its worker) for the commit that usually follows it with the same file. */
interface Kept {
  content: Uint8Array;
  key: string;
  file: ParsedFile;
  timer: NodeJS.Timeout;
}
const kept = new WeakMap<Desk, Kept>();
/** The import running on each desk: the next waits for it (a commit must not lose its read list to another dry run). */
const running = new WeakMap<Desk, Promise<unknown>>();
const KEEP_READ_MS = 10 * 60_000;
/** Participants per slice sent to be counted against, one slice per turn of the event loop (5,000 took 25–30 ms). */
const EXISTING_SLICE = 2_000;

/**
 * How long one transaction of a commit should hold the main thread (a check-in waits at most about
 * this long for it), and the rows it starts with: 250 took 9 ms on this project's 2-core machine
 * at 100,000–470,000 participants. Each next transaction is sized from the last one's time, within
 * the bounds: fewer rows when the machine is busy, more when it is not, where each transaction's
 * fsync and checkpoint would otherwise add up (250 rows each made a 100,000-row commit into an
 * empty desk 70% slower than one transaction; sized so, about 25% slower).
 */
const TRANSACTION_MS = 20;
const FIRST_TRANSACTION_ROWS = 250;
const MIN_TRANSACTION_ROWS = 100;
const MAX_TRANSACTION_ROWS = 5_000;

/**
 * Events recorded between two copies of the WAL into the database (checkpoints, each a turn of its
 * own). One after every transaction copied the same index pages again and again: a fifth of a
 * 100,000-row commit's time. After 2,000 events a checkpoint held check-ins longer (p95 48 ms
 * against 39 ms beside a 370,000-row commit) for no shorter commit.
 */
const CHECKPOINT_EVENTS = 1_000;

/**
 * Events after which a commit whose WAL is copied on another thread waits for that copy and copies
 * the rest itself, so that the WAL starts again from its beginning (about 36 MB of WAL). Left to
 * grow for a 370,000-row commit, the WAL reached a gigabyte, and cutting it back to its usual size
 * held one check-in for 350 ms.
 */
const RESTART_EVENTS = 20_000;

function nextTransactionRows(rows: number, ms: number): number {
  const scaled = Math.round(rows * Math.min(2, Math.max(0.5, TRANSACTION_MS / Math.max(ms, 1))));
  return Math.min(MAX_TRANSACTION_ROWS, Math.max(MIN_TRANSACTION_ROWS, scaled));
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

function drop(desk: Desk): void {
  const k = kept.get(desk);
  if (!k) return;
  clearTimeout(k.timer);
  k.file.close();
  kept.delete(desk);
}

/**
 * Read the list off the main thread, or take what the dry run read from the same bytes under the
 * same options (a 100k-row list: about a second of reading not done twice).
 */
async function read(desk: Desk, input: ImportInput): Promise<ParsedFile> {
  const event = desk.requireEvent();
  const options = {
    lang: desk.lang,
    nibRequired: event.nibRequired,
    mappings: input.mappings,
    includeSheets: input.includeSheets,
    eventRegencies: event.regencies.map((r) => r.code),
  };
  const key = JSON.stringify([input.fileName, options]);
  const k = kept.get(desk);
  if (k && k.key === key && Buffer.compare(k.content, input.content) === 0) return k.file;
  drop(desk);
  const file = await readOffThread({ content: input.content, fileName: input.fileName, options, secret: desk.secret });
  const timer = setTimeout(() => drop(desk), KEEP_READ_MS).unref();
  kept.set(desk, { content: input.content, key, file, timer });
  return file;
}

function oneAtATime<T>(desk: Desk, work: () => Promise<T>): Promise<T> {
  const next = (running.get(desk) ?? Promise.resolve()).catch(() => {}).then(work);
  running.set(desk, next);
  return next;
}

/** The desk's participants as [ID, fingerprint of the imported fields], a slice at a time. */
function* existingSlices(desk: Desk): Generator<[string, string][]> {
  let slice: [string, string][] = [];
  for (const p of desk.view.all()) {
    slice.push([p.id, importFingerprint(p)]);
    if (slice.length === EXISTING_SLICE) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length > 0) yield slice;
}

/**
 * Compare rows of the file with what the desk holds: new NIBs become `participant.imported`,
 * changed ones an update of the same participant (the ID is derived from the NIB), identical ones
 * nothing.
 */
function plan(desk: Desk, fileName: string, { candidates, ids, bodies }: ReadRows): Plan {
  desk.refresh();
  const p: Plan = { events: [], imported: 0, updated: 0, unchanged: 0 };
  candidates.forEach((c, i) => {
    const id = ids[i]!;
    const existing = desk.view.get(id);
    if (existing && sameFields(existing, c.fields)) {
      p.unchanged++;
      return;
    }
    const body = importedBody(id, c.fields, { file: fileName, row: c.source.row, sheet: c.source.sheet }, existing?.lastWrite ?? null);
    if (existing) {
      p.updated++;
      p.events.push({ type: 'participant.imported', body });
    } else {
      p.imported++;
      // Its canonical text came with the row (the same body, made on the worker).
      p.events.push({ type: 'participant.imported', body, canonical: bodies[i]! });
    }
  });
  return p;
}

function sameFields(p: ParticipantState, fields: ParticipantFields): boolean {
  return IMPORT_FIELDS.every((key) => p[key] === fields[key]);
}

/** The dry run: what the file holds and what importing it would change, nothing recorded. */
export async function previewImport(desk: Desk, input: ImportInput): Promise<ImportPreview> {
  return oneAtATime(desk, async () => {
    const file = await read(desk, input);
    desk.refresh();
    const counts = await file.count(existingSlices(desk));
    const { sheets, rows, nonDataRows, valid, errors, warnings } = file.summary;
    return { fileName: input.fileName, sheets, rows, nonDataRows, valid, ...counts, errors, warnings };
  });
}

/**
 * The participants go into the log in transactions of about TRANSACTION_MS each, each a turn of
 * the event loop of its own, so that check-ins are answered between them: recording 370,000 rows
 * in one transaction held the desk for 15 s. After every CHECKPOINT_EVENTS the WAL is copied into
 * the database, on a thread of its own (checkpoint-off-thread.ts) or, without one, here in a turn
 * of its own. Each transaction is all or nothing; the import as a whole is resumable rather than
 * all or nothing: a participant's ID comes from its NIB, and a row the desk already holds unchanged
 * records nothing, so importing the same file again after an interruption (a full disk, the app
 * closed) records the rest and nothing twice.
 * `import.completed` comes last.
 */
export async function commitImport(desk: Desk, input: ImportInput, operator = desk.requireOperator()): Promise<ImportResult> {
  return oneAtATime(desk, async () => {
    const file = await read(desk, input);
    const { summary } = file;
    if (summary.rows === 0) throw new LoketError('file_empty');
    // Read now: the error of an interrupted import must not need the database that failed.
    const lang = desk.lang;
    let size = FIRST_TRANSACTION_ROWS;
    // Asked for before the backup: the worker sorts the rows into ID order while the desk is copied.
    let next = ahead(file, 0, size);
    await backupBefore(desk, 'import');
    const counts: Counts = { imported: 0, updated: 0, unchanged: 0 };
    desk.store.deferCheckpoints();
    const copier = Checkpointer.start(desk.db.name);
    try {
      let uncopied = 0;
      let unrestarted = 0;
      for (let from = 0; ; ) {
        const rows = await next;
        if (rows.ids.length === 0) break;
        from += rows.ids.length;
        // The worker slices and sends the next rows while these are recorded: waiting for them in
        // turn cost a 100,000-row import half a second or more.
        next = ahead(file, from, size);
        const started = performance.now();
        const p = plan(desk, input.fileName, rows);
        if (p.events.length > 0) desk.record(p.events, operator);
        size = nextTransactionRows(size, performance.now() - started);
        counts.imported += p.imported;
        counts.updated += p.updated;
        counts.unchanged += p.unchanged;
        await turn();
        if (p.events.length === 0) continue;
        uncopied += p.events.length;
        if (uncopied < CHECKPOINT_EVENTS) continue;
        unrestarted += uncopied;
        uncopied = 0;
        if (unrestarted < RESTART_EVENTS && copier?.copy()) continue;
        // Copied here: with no worker (or a failed one), or, after the worker's copy under way, the
        // little left, so that the next transaction starts the WAL again.
        unrestarted = 0;
        await copier?.idle();
        desk.store.checkpoint();
        await turn();
      }
      await copier?.stop();
      desk.record([completed(input.fileName, summary, counts)], operator);
      // The rest copied here, not inside the next check-in's commit.
      desk.store.checkpoint();
    } catch (error) {
      throw counts.imported + counts.updated === 0 ? error : interrupted(lang, error, counts, summary.valid);
    } finally {
      await copier?.stop();
      desk.store.resumeCheckpoints();
    }
    drop(desk);
    return { rows: summary.rows, ...counts, errors: summary.errors, warnings: summary.warnings };
  });
}

/**
 * Rows asked for before they are needed. A worker that stops meanwhile rejects them while nothing
 * awaits them yet; the import hears of it where it awaits them, not as an unhandled rejection.
 */
function ahead(file: ParsedFile, from: number, count: number): Promise<ReadRows> {
  const rows = file.rows(from, count);
  rows.catch(() => {});
  return rows;
}

/** What the operator reads when an import stopped part way: how far it got, why, and that importing the file again finishes it. */
function interrupted(lang: Lang, cause: unknown, counts: Counts, total: number): LoketError {
  const { code, params } = toWireError(cause);
  return new LoketError('import_interrupted', { done: counts.imported + counts.updated + counts.unchanged, total, cause: t(lang, `error.${code}`, params) });
}

/** Record candidates read elsewhere (the demo, benchmarks) in one transaction: the same log entries as a file's. */
export function recordImport(desk: Desk, fileName: string, normalized: ListRead, operator: string): ImportResult {
  if (normalized.rows === 0) throw new LoketError('file_empty');
  const secret = desk.secret;
  const ids = normalized.candidates.map((c) => participantIdFor(secret, participantKey(c.fields)));
  const bodies = newParticipantBodies(normalized.candidates, ids, fileName);
  const { events, ...counts } = plan(desk, fileName, { candidates: normalized.candidates, ids, bodies });
  desk.record([...events, completed(fileName, normalized, counts)], operator);
  return { rows: normalized.rows, ...counts, errors: normalized.errors, warnings: normalized.warnings };
}

function completed(fileName: string, list: Pick<ListRead, 'rows' | 'errors' | 'warnings'>, counts: Counts): AppendEvent {
  return {
    type: 'import.completed',
    body: { file: fileName, rows: list.rows, imported: counts.imported, updated: counts.updated, errors: list.errors.length, warnings: list.warnings.length },
  };
}

/** The problems of a dry run as a workbook the organizer can send back to the Dinas. */
export async function importProblems(desk: Desk, input: ImportInput): Promise<FileDownload> {
  const { summary } = await oneAtATime(desk, () => read(desk, input));
  const bytes = await writeProblemsWorkbook(summary, desk.lang);
  const base = input.fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-masalah.xlsx`, contentBase64: Buffer.from(bytes).toString('base64') };
}
