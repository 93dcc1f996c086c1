import type { NormalizeOptions } from '../../../shared/import/normalize';
import { normalizeSheets } from '../../../shared/import/normalize';
import type { NormalizedImport } from '../../../shared/import/types';
import { participantIdFor } from '../ids';
import { foldText } from '../../../shared/domain/text';
import type { ParticipantFields } from '../../../shared/events';
import { readTable } from './read-table';

export interface ParseRequest {
  /** The file as the API received it (decoded where the parse runs, off the main thread). */
  contentBase64: string;
  fileName: string;
  options: NormalizeOptions;
  /** The event secret, for the participant IDs (computed with the parse rather than on the main thread). */
  secret: string;
}

/** A read and normalized list, with each candidate's participant ID. */
export interface ParsedList extends NormalizedImport {
  ids: string[];
}

/** The key a participant's ID derives from: the NIB, or without one the name, business and regency. */
export function participantKey(fields: ParticipantFields): string {
  return fields.nib ?? `no-nib:${foldText(fields.name)}|${foldText(fields.business)}|${fields.regency ?? ''}`;
}

export async function parseList(request: ParseRequest): Promise<ParsedList> {
  const bytes = Buffer.from(request.contentBase64, 'base64');
  const normalized = normalizeSheets(await readTable(bytes, request.fileName), request.options);
  return { ...normalized, ids: normalized.candidates.map((c) => participantIdFor(request.secret, participantKey(c.fields))) };
}
