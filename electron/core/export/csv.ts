import { withoutInvisible } from '../../../shared/domain/text';
import { csvText, type Table } from './cells';

const BOM = '\uFEFF';

/** Invisible characters from any source (an older desk's events) go: a NUL or U+202E has no place in a report. */
function quote(raw: string, separator: string): string {
  const text = withoutInvisible(raw);
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 with a BOM (so Excel reads the names right) and CRLF lines, as RFC 4180 asks. */
export function tableCsv(table: Table, separator: ';' | ','): Uint8Array {
  const lines = [table.headers, ...table.rows, ...(table.totals ? [table.totals] : [])].map((row) =>
    row.map((cell) => quote(csvText(cell, separator), separator)).join(separator),
  );
  return new TextEncoder().encode(`${BOM}${lines.join('\r\n')}\r\n`);
}
