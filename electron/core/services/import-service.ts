import { IMPORT_FIELDS, type ApiParsed, type FileDownload, type ImportPreview, type ImportResult } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';
import type { EventBody, NewEvent, ParticipantFields } from '../../../shared/events';
import type { ParticipantState } from '../../../shared/fold';
import type { NormalizedImport } from '../../../shared/import/types';
import { backupBefore } from '../backup/backup-file';
import type { Desk } from '../desk';
import { participantIdFor } from '../ids';
import { participantKey, type ParsedList } from '../import/parse-list';
import { parseOffThread } from '../import/parse-off-thread';
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

/** What the dry run read, kept for the commit that usually follows it with the same file. */
interface Parsed {
  contentBase64: string;
  key: string;
  list: ParsedList;
  at: number;
}
const lastParsed = new WeakMap<Desk, Parsed>();
const KEEP_PARSED_MS = 10 * 60_000;
/** Candidates planned between two turns of the event loop during a dry run. */
const PLAN_SLICE = 2_000;

/**
 * Read the list off the main thread, or take what the dry run read from the same bytes under the
 * same options (a 100k-row list: about a second of reading not done twice).
 */
async function parse(desk: Desk, input: ImportInput): Promise<ParsedList> {
  const event = desk.requireEvent();
  const options = {
    lang: desk.lang,
    nibRequired: event.nibRequired,
    mappings: input.mappings,
    includeSheets: input.includeSheets,
    eventRegencies: event.regencies.map((r) => r.code),
  };
  const key = JSON.stringify([input.fileName, options]);
  const kept = lastParsed.get(desk);
  if (kept && kept.key === key && kept.contentBase64 === input.contentBase64 && desk.now() - kept.at < KEEP_PARSED_MS) return kept.list;
  lastParsed.delete(desk);
  const list = await parseOffThread({ contentBase64: input.contentBase64, fileName: input.fileName, options, secret: desk.secret });
  lastParsed.set(desk, { contentBase64: input.contentBase64, key, list, at: desk.now() });
  return list;
}

/**
 * Compare the file with what the desk holds: new NIBs become `participant.imported`, changed ones
 * an update of the same participant (the ID is derived from the NIB), identical ones nothing.
 */
function planCandidate(desk: Desk, fileName: string, list: ParsedList, i: number, p: Plan): void {
  const c = list.candidates[i]!;
  const id = list.ids[i]!;
  const existing = desk.view.get(id);
  if (existing && sameFields(existing, c.fields)) {
    p.unchanged++;
    return;
  }
  if (existing) p.updated++;
  else p.imported++;
  p.events.push({ type: 'participant.imported', body: importedBody(id, c.fields, { file: fileName, row: c.source.row, sheet: c.source.sheet }, existing?.lastWrite ?? null) });
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

function plan(desk: Desk, fileName: string, list: ParsedList): Plan {
  desk.refresh();
  const p: Plan = { normalized: list, events: [], imported: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < list.candidates.length; i++) planCandidate(desk, fileName, list, i, p);
  return p;
}

/** The dry run's plan, letting the event loop turn between slices so check-ins are answered meanwhile. */
async function planYielding(desk: Desk, fileName: string, list: ParsedList): Promise<Plan> {
  desk.refresh();
  const p: Plan = { normalized: list, events: [], imported: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < list.candidates.length; i++) {
    if (i > 0 && i % PLAN_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    planCandidate(desk, fileName, list, i, p);
  }
  return p;
}

function sameFields(p: ParticipantState, fields: ParticipantFields): boolean {
  return IMPORT_FIELDS.every((key) => p[key] === fields[key]);
}

export async function previewImport(desk: Desk, input: ImportInput): Promise<ImportPreview> {
  const list = await parse(desk, input);
  const { imported, updated, unchanged } = await planYielding(desk, input.fileName, list);
  return {
    fileName: input.fileName,
    sheets: list.sheets,
    rows: list.rows,
    nonDataRows: list.nonDataRows,
    valid: list.candidates.length,
    toImport: imported,
    toUpdate: updated,
    unchanged,
    errors: list.errors,
    warnings: list.warnings,
  };
}

/** All or nothing: the participants and the import record go into the log in one transaction. */
export async function commitImport(desk: Desk, input: ImportInput, operator = desk.requireOperator()): Promise<ImportResult> {
  const list = await parse(desk, input);
  await backupBefore(desk, 'import');
  const result = record(desk, plan(desk, input.fileName, list), input.fileName, operator);
  lastParsed.delete(desk);
  return result;
}

/** Record candidates read elsewhere (the demo, benchmarks): the same plan and log entries as a file's. */
export function recordImport(desk: Desk, fileName: string, normalized: ListRead, operator: string): ImportResult {
  const secret = desk.secret;
  const list: ParsedList = {
    ...normalized,
    sheets: [],
    nonDataRows: 0,
    ids: normalized.candidates.map((c) => participantIdFor(secret, participantKey(c.fields))),
  };
  return record(desk, plan(desk, fileName, list), fileName, operator);
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
  const list = await parse(desk, input);
  const bytes = await writeProblemsWorkbook(list, desk.lang);
  const base = input.fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-masalah.xlsx`, contentBase64: Buffer.from(bytes).toString('base64') };
}
