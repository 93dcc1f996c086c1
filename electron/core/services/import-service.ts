import { IMPORT_FIELDS, type ApiParsed, type FileDownload, type ImportPreview, type ImportResult } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';
import type { EventBody, NewEvent, ParticipantFields } from '../../../shared/events';
import type { ParticipantState } from '../../../shared/fold';
import type { NormalizedImport } from '../../../shared/import/types';
import { backupBefore } from '../backup/backup-file';
import type { Desk } from '../desk';
import { participantIdFor } from '../ids';
import { importFingerprint, participantKey } from '../import/parse-list';
import { readOffThread, type ParsedFile } from '../import/parse-off-thread';
import { writeProblemsWorkbook } from '../import/problems-workbook';

type ImportInput = ApiParsed<'previewImport'>;

/** What recording an import needs of a read list. */
type ListRead = Pick<NormalizedImport, 'rows' | 'candidates' | 'errors' | 'warnings'> & Partial<Pick<NormalizedImport, 'sheets'>>;

interface Plan {
  normalized: ListRead;
  events: NewEvent[];
  imported: number;
  updated: number;
  unchanged: number;
}

/** What the dry run read, kept (on its worker) for the commit that usually follows it with the same file. */
interface Kept {
  contentBase64: string;
  key: string;
  file: ParsedFile;
  timer: NodeJS.Timeout;
}
const kept = new WeakMap<Desk, Kept>();
const KEEP_READ_MS = 10 * 60_000;
/** Participants per slice sent to be counted against, one slice per turn of the event loop. */
const EXISTING_SLICE = 5_000;

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
  if (k && k.key === key && k.contentBase64 === input.contentBase64) return k.file;
  drop(desk);
  const file = await readOffThread({ contentBase64: input.contentBase64, fileName: input.fileName, options, secret: desk.secret });
  const timer = setTimeout(() => drop(desk), KEEP_READ_MS).unref();
  kept.set(desk, { contentBase64: input.contentBase64, key, file, timer });
  return file;
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
 * Compare the file with what the desk holds: new NIBs become `participant.imported`, changed ones
 * an update of the same participant (the ID is derived from the NIB), identical ones nothing.
 */
function plan(desk: Desk, fileName: string, list: ListRead & { ids: readonly string[] }): Plan {
  desk.refresh();
  const p: Plan = { normalized: list, events: [], imported: 0, updated: 0, unchanged: 0 };
  list.candidates.forEach((c, i) => {
    const id = list.ids[i]!;
    const existing = desk.view.get(id);
    if (existing && sameFields(existing, c.fields)) {
      p.unchanged++;
      return;
    }
    if (existing) p.updated++;
    else p.imported++;
    p.events.push({ type: 'participant.imported', body: importedBody(id, c.fields, { file: fileName, row: c.source.row, sheet: c.source.sheet }, existing?.lastWrite ?? null) });
  });
  return p;
}

/**
 * The event body with its keys in canonical (sorted) order, so the log stores it as built: sorting
 * and re-reading 100,000 bodies cost a tenth of a 100k-row import. Every field of the participant
 * is listed (a test checks that none is left out when fields are added).
 */
export function importedBody(id: string, f: ParticipantFields, source: EventBody<'participant.imported'>['source'], prev: string | null): EventBody<'participant.imported'> {
  const body: EventBody<'participant.imported'> = {
    address: f.address,
    business: f.business,
    district: f.district,
    id,
    name: f.name,
    nib: f.nib,
    phone: f.phone,
    prev,
    productName: f.productName,
    productType: f.productType,
    regency: f.regency,
    source,
  };
  // Optional and rare (only where the ministry asks for it): when present, the canonical form sorts it in.
  if (f.nik !== undefined) body.nik = f.nik;
  return body;
}


function sameFields(p: ParticipantState, fields: ParticipantFields): boolean {
  return IMPORT_FIELDS.every((key) => p[key] === fields[key]);
}

/** The dry run: what the file holds and what importing it would change, nothing recorded. */
export async function previewImport(desk: Desk, input: ImportInput): Promise<ImportPreview> {
  const file = await read(desk, input);
  desk.refresh();
  const counts = await file.count(existingSlices(desk));
  const { sheets, rows, nonDataRows, valid, errors, warnings } = file.summary;
  return { fileName: input.fileName, sheets, rows, nonDataRows, valid, ...counts, errors, warnings };
}

/** All or nothing: the participants and the import record go into the log in one transaction. */
export async function commitImport(desk: Desk, input: ImportInput, operator = desk.requireOperator()): Promise<ImportResult> {
  const file = await read(desk, input);
  const rows = await file.rows();
  await backupBefore(desk, 'import');
  const result = record(desk, plan(desk, input.fileName, { ...file.summary, ...rows }), input.fileName, operator);
  drop(desk);
  return result;
}

/** Record candidates read elsewhere (the demo, benchmarks): the same plan and log entries as a file's. */
export function recordImport(desk: Desk, fileName: string, normalized: ListRead, operator: string): ImportResult {
  const secret = desk.secret;
  const ids = normalized.candidates.map((c) => participantIdFor(secret, participantKey(c.fields)));
  return record(desk, plan(desk, fileName, { ...normalized, ids }), fileName, operator);
}

function record(desk: Desk, p: Plan, fileName: string, operator: string): ImportResult {
  if (p.normalized.rows === 0) throw new LoketError('file_empty');
  desk.record(
    [
      ...p.events,
      {
        type: 'import.completed',
        body: {
          file: fileName,
          rows: p.normalized.rows,
          imported: p.imported,
          updated: p.updated,
          errors: p.normalized.errors.length,
          warnings: p.normalized.warnings.length,
        },
      },
    ],
    operator,
  );
  return {
    rows: p.normalized.rows,
    imported: p.imported,
    updated: p.updated,
    unchanged: p.unchanged,
    errors: p.normalized.errors,
    warnings: p.normalized.warnings,
  };
}

/** The problems of a dry run as a workbook the organizer can send back to the Dinas. */
export async function importProblems(desk: Desk, input: ImportInput): Promise<FileDownload> {
  const { summary } = await read(desk, input);
  const bytes = await writeProblemsWorkbook(summary, desk.lang);
  const base = input.fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-masalah.xlsx`, contentBase64: Buffer.from(bytes).toString('base64') };
}
