import { IMPORT_FIELDS, type ApiParsed, type FileDownload, type ImportPreview, type ImportResult } from '../../../shared/api';
import { foldText } from '../../../shared/domain/text';
import { LoketError } from '../../../shared/errors';
import type { NewEvent, ParticipantFields } from '../../../shared/events';
import type { ParticipantState } from '../../../shared/fold';
import { normalizeSheets } from '../../../shared/import/normalize';
import type { NormalizedImport } from '../../../shared/import/types';
import { backupBefore } from '../backup/backup-file';
import type { Desk } from '../desk';
import { participantIdFor } from '../ids';
import { readTable } from '../import/read-table';
import { writeProblemsWorkbook } from '../import/problems-workbook';

type ImportInput = ApiParsed<'previewImport'>;


interface Plan {
  normalized: NormalizedImport;
  events: NewEvent[];
  imported: number;
  updated: number;
  unchanged: number;
}

async function parse(desk: Desk, input: ImportInput): Promise<NormalizedImport> {
  const event = desk.requireEvent();
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const sheets = await readTable(bytes, input.fileName);
  return normalizeSheets(sheets, { lang: desk.lang, nibRequired: event.nibRequired, mappings: input.mappings });
}

/**
 * Compare the file with what the desk holds: new NIBs become `participant.imported`, changed ones
 * an update of the same participant (the ID is derived from the NIB), identical ones nothing.
 */
function plan(desk: Desk, fileName: string, normalized: NormalizedImport): Plan {
  desk.refresh();
  const events: NewEvent[] = [];
  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  for (const c of normalized.candidates) {
    const key = c.fields.nib ?? `no-nib:${foldText(c.fields.name)}|${foldText(c.fields.business)}|${c.fields.regency ?? ''}`;
    const id = participantIdFor(desk.secret, key);
    const existing = desk.view.get(id);
    if (existing && sameFields(existing, c.fields)) {
      unchanged++;
      continue;
    }
    if (existing) updated++;
    else imported++;
    events.push({
      type: 'participant.imported',
      body: { id, ...c.fields, source: { file: fileName, sheet: c.source.sheet, row: c.source.row }, prev: existing?.lastWrite ?? null },
    });
  }
  return { normalized, events, imported, updated, unchanged };
}

function sameFields(p: ParticipantState, fields: ParticipantFields): boolean {
  return IMPORT_FIELDS.every((key) => p[key] === fields[key]);
}

export async function previewImport(desk: Desk, input: ImportInput): Promise<ImportPreview> {
  const { normalized, imported, updated, unchanged } = plan(desk, input.fileName, await parse(desk, input));
  return {
    fileName: input.fileName,
    sheets: normalized.sheets,
    rows: normalized.rows,
    valid: normalized.candidates.length,
    toImport: imported,
    toUpdate: updated,
    unchanged,
    errors: normalized.errors,
    warnings: normalized.warnings,
  };
}

/** All or nothing: the participants and the import record go into the log in one transaction. */
export async function commitImport(desk: Desk, input: ImportInput, operator = desk.requireOperator()): Promise<ImportResult> {
  const normalized = await parse(desk, input);
  await backupBefore(desk, 'import');
  return recordImport(desk, input.fileName, normalized, operator);
}

export function recordImport(desk: Desk, fileName: string, normalized: NormalizedImport, operator: string): ImportResult {
  const p = plan(desk, fileName, normalized);
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
  const normalized = await parse(desk, input);
  const bytes = await writeProblemsWorkbook(normalized, desk.lang);
  const base = input.fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-masalah.xlsx`, contentBase64: Buffer.from(bytes).toString('base64') };
}
