import { LoketError } from '../../../shared/errors';
import type { RawSheet } from '../../../shared/import/types';
import { MAX_FILE_MB } from './limits';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';

/** Local-file-header or empty-archive signature: an XLSX whatever its name says. */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/**
 * Read a participant list: every sheet of an XLSX, or a CSV as one sheet. The type comes from the
 * content, since lists arrive renamed (a CSV called .xlsx, a PNG called .xlsx).
 * Rejects with LoketError file_too_large, file_empty or file_unreadable; nothing else. (Reading is
 * synchronous; `async` keeps every failure a rejection for the caller.)
 */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<RawSheet[]> {
  if (bytes.length > MAX_FILE_MB * 1024 * 1024) throw new LoketError('file_too_large', { max: MAX_FILE_MB });
  if (bytes.length === 0) throw new LoketError('file_empty');
  const sheets = isZip(bytes) ? readXlsx(bytes, fileName) : readCsv(bytes, fileName);
  if (sheets.every((sheet) => sheet.rows.length === 0)) throw new LoketError('file_empty');
  return sheets;
}
