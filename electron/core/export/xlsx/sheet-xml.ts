import { escapeFormula, witaDate, type Cell, type Table } from '../cells';
import { xf, type Kind } from './styles';

const DAY_MS = 86_400_000;
/** Excel's serial day 0 is 1899-12-30 (its 1900 leap-year bug folded in): 25569 is 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
/** Characters XML 1.0 forbids: spreadsheets from the field sometimes carry them; they are dropped, not written. */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

const NEEDS_WORK = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Almost every cell is plain text, so one test decides before any replacing is done. */
export const xmlText = (text: string): string =>
  NEEDS_WORK.test(text) ? text.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!) : text;

/** "A", …, "Z", "AA", …: a column's letters. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A column's format from the kind of its first value. */
function columnKind(table: Table, col: number): Kind {
  for (const row of table.rows) {
    const cell = row[col];
    if (cell === null || cell === undefined) continue;
    if (typeof cell === 'string') return 'text';
    if (typeof cell === 'number') return 'general';
    if ('at' in cell) return 'dateTime';
    if ('day' in cell) return 'date';
    return 'percent';
  }
  return 'text';
}

function inline(ref: string, style: number, text: string): string {
  const space = text !== text.trim() ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" s="${style}" t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`;
}

function cellXml(ref: string, style: number, cell: Cell): string {
  if (cell === null) return '';
  // Strings are written as strings (never formulas) and also quoted as in the CSV, so a copy-paste cannot run them either.
  if (typeof cell === 'string') return inline(ref, style, escapeFormula(cell));
  let value: number;
  if (typeof cell === 'number') value = cell;
  else if ('at' in cell) value = witaDate(cell.at).getTime() / DAY_MS + UNIX_EPOCH_SERIAL;
  else if ('day' in cell) value = Date.parse(`${cell.day}T00:00:00Z`) / DAY_MS + UNIX_EPOCH_SERIAL;
  else value = cell.percent;
  return `<c r="${ref}" s="${style}"><v>${value}</v></c>`;
}

/**
 * One worksheet: frozen header row, autofilter over the header, column widths and formats, then the
 * rows and the bold total row. Yields the XML in UTF-8 pieces so 100k rows never make one giant string.
 */
export function* sheetXml(table: Table): Generator<Buffer> {
  const columns = Math.max(table.headers.length, 1);
  const letters = Array.from({ length: columns }, (_, i) => columnName(i));
  const kinds = letters.map((_, col) => columnKind(table, col));
  const normal = kinds.map((kind) => xf(kind, false));
  const bold = kinds.map((kind) => xf(kind, true));
  const cols = letters.map((_, i) => `<col min="${i + 1}" max="${i + 1}" width="${table.widths?.[i] ?? 16}" customWidth="1" style="${normal[i]}"/>`).join('');
  yield Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`, 'utf8');
  yield Buffer.from(`<row r="1">${table.headers.map((h, i) => inline(`${letters[i]}1`, xf('text', true), h)).join('')}</row>`, 'utf8');
  let r = 2;
  let chunk = '';
  for (const row of table.rows) {
    let xml = `<row r="${r}">`;
    for (let i = 0; i < row.length; i++) xml += cellXml(`${letters[i] ?? columnName(i)}${r}`, normal[i] ?? 0, row[i] ?? null);
    chunk += `${xml}</row>`;
    r++;
    if (chunk.length > 1 << 20) {
      yield Buffer.from(chunk, 'utf8');
      chunk = '';
    }
  }
  if (table.totals) chunk += `<row r="${r}">${table.totals.map((cell, i) => cellXml(`${letters[i] ?? columnName(i)}${r}`, bold[i] ?? 1, cell)).join('')}</row>`;
  yield Buffer.from(`${chunk}</sheetData>${table.headers.length ? `<autoFilter ref="A1:${letters.at(-1)}1"/>` : ''}</worksheet>`, 'utf8');
}
