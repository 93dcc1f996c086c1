import { LoketError } from '../../../shared/errors';
import type { RawSheet } from '../../../shared/import/types';
import { MAX_FILE_MB } from './limits';
import { readCsv } from './read-csv';
import { readLegacy } from './read-legacy';
import { readXlsx } from './read-xlsx';
import { ZipArchive } from './zip';

/** Local-file-header or empty-archive signature: an XLSX (or ODS) whatever its name says. */
function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/** The OLE2 compound-file signature of an Excel 97–2003 .xls. */
function isXls(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

/** An OpenDocument spreadsheet names itself in its first entry, "mimetype". */
function isOds(bytes: Uint8Array): boolean {
  try {
    const mimetype = ZipArchive.open(bytes).read('mimetype');
    return mimetype !== null && new TextDecoder().decode(mimetype).trim() === 'application/vnd.oasis.opendocument.spreadsheet';
  } catch {
    return false;
  }
}

/**
 * Read a participant list: every sheet of an XLSX, .xls or .ods, or a CSV as one sheet. The type
 * comes from the content, since lists arrive renamed (a CSV called .xlsx, a PNG called .xlsx).
 * Rejects with LoketError file_too_large, file_too_complex, file_empty or file_unreadable; nothing else.
 */
export async function readTable(bytes: Uint8Array, fileName: string): Promise<RawSheet[]> {
  if (bytes.length > MAX_FILE_MB * 1024 * 1024) throw new LoketError('file_too_large', { max: MAX_FILE_MB });
  if (bytes.length === 0) throw new LoketError('file_empty');
  const sheets = isXls(bytes) || (isZip(bytes) && isOds(bytes)) ? await readLegacy(bytes, fileName) : isZip(bytes) ? readXlsx(bytes, fileName) : readCsv(bytes, fileName);
  if (sheets.every((sheet) => sheet.rows.length === 0)) throw new LoketError('file_empty');
  return sheets;
}
