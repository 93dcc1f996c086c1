import { LoketError } from '../../../shared/errors';
import type { RawCell, RawSheet } from '../../../shared/import/types';
import { MAX_SHEET_NAME } from './limits';
import { dropTrailingBlankRows } from './rows';
import { decodeWindows1252 } from './windows-1252';

/** Formats that decode as "text" in Windows-1252 but are certainly not a list: PDF, old .xls/.doc, images. */
const BINARY_MAGIC: readonly (readonly number[])[] = [
  [0x25, 0x50, 0x44, 0x46],
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x1f, 0x8b],
];

const SEPARATORS = [';', ',', '\t'] as const;
const SNIFF_LINES = 20;
const SNIFF_CHARS = 64 * 1024;

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * UTF-8 (with or without BOM) or UTF-16 with BOM ("Unicode Text" from Excel); anything that is not
 * valid UTF-8 is taken as Windows-1252, what Excel on an Indonesian Windows writes for "CSV".
 * (Not through Node's TextDecoder, which decodes it as Latin-1: see windows-1252.ts.)
 */
function decode(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** Text files carry no NUL and hardly any other control characters; binary junk is full of them. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, SNIFF_CHARS);
  if (sample.includes('\0')) return true;
  const controls = sample.match(/[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]/g)?.length ?? 0;
  // An HTML or XML "Excel" export is not a CSV, and parsing it as one would only invent rows.
  return controls > Math.max(2, sample.length / 100) || /^\s*</.test(sample);
}

/** The separator that splits the first lines most consistently; Indonesian Excel writes ';'. */
function detectSeparator(text: string): string {
  const perLine: number[][] = [];
  let counts = SEPARATORS.map(() => 0);
  let quoted = false;
  for (let i = 0; i < text.length && i < SNIFF_CHARS && perLine.length < SNIFF_LINES; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') {
      if (counts.some((c) => c > 0)) perLine.push(counts);
      counts = SEPARATORS.map(() => 0);
    } else {
      const s = SEPARATORS.indexOf(ch as (typeof SEPARATORS)[number]);
      if (s >= 0) counts[s]!++;
    }
  }
  if (counts.some((c) => c > 0)) perLine.push(counts);

  let best: { sep: string; lines: number; fields: number } = { sep: SEPARATORS[0], lines: 0, fields: 0 };
  SEPARATORS.forEach((sep, s) => {
    const freq = new Map<number, number>();
    for (const line of perLine) if (line[s]! > 0) freq.set(line[s]!, (freq.get(line[s]!) ?? 0) + 1);
    for (const [fields, lines] of freq) {
      if (lines > best.lines || (lines === best.lines && fields > best.fields)) best = { sep, lines, fields };
    }
  });
  return best.sep;
}

/** RFC 4180 with Excel's leniency: CRLF, LF or CR; text after a closing quote is kept; an open quote runs to the end. */
function parse(text: string, sep: string): RawCell[][] {
  const rows: RawCell[][] = [];
  const sepCode = sep.charCodeAt(0);
  const isEnd = (code: number) => code === sepCode || code === 10 || code === 13;
  let row: RawCell[] = [];
  let i = 0;
  for (;;) {
    let value = '';
    if (text.charCodeAt(i) === 34) {
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) {
          value += text.slice(from);
          i = text.length;
          break;
        }
        if (text.charCodeAt(quote + 1) === 34) {
          value += text.slice(from, quote + 1);
          from = quote + 2;
          continue;
        }
        value += text.slice(from, quote);
        i = quote + 1;
        break;
      }
    }
    const start = i;
    while (i < text.length && !isEnd(text.charCodeAt(i))) i++;
    value += text.slice(start, i);
    row.push(value === '' ? null : value);

    if (i >= text.length) break;
    const code = text.charCodeAt(i);
    i++;
    if (code === sepCode) continue;
    if (code === 13 && text.charCodeAt(i) === 10) i++;
    rows.push(row);
    row = [];
    if (i >= text.length) return rows;
  }
  rows.push(row);
  return rows;
}

function sheetName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return (base.replace(/\.[^.]*$/, '') || base).slice(0, MAX_SHEET_NAME);
}

/** A CSV or TSV as one sheet named after the file. */
export function readCsv(bytes: Uint8Array, fileName: string): RawSheet[] {
  if (BINARY_MAGIC.some((magic) => startsWith(bytes, magic))) throw new LoketError('file_unreadable', { file: fileName });
  let text = decode(bytes);
  if (looksBinary(text)) throw new LoketError('file_unreadable', { file: fileName });
  // Excel's own hint line, written by some exports: "sep=;".
  const hint = /^sep=(.)\r?\n/i.exec(text);
  if (hint) text = text.slice(hint[0].length);
  const sep = hint ? hint[1]! : detectSeparator(text);
  return [{ name: sheetName(fileName), rows: dropTrailingBlankRows(parse(text, sep)) }];
}
