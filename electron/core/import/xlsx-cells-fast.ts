import { decodeOoxmlText } from './xml';

/**
 * <sheetData> as Excel, LibreOffice, openpyxl, xlsxwriter and Loket's own writer save it, read with
 * indexOf and charCodeAt: no tokenizer, no visitor, no object per cell. On a 100,000-row list the
 * generic reader (xlsx-sheet.ts) spends most of its time in per-token work, not in finding tokens.
 *
 * The generic reader stays the reference. This scan takes a token only where scanXml would read the
 * same token and that reader would do the same with it, and gives up on anything else: a namespace
 * prefix, rich text, CDATA, a comment, an entity or a space in an attribute value, spaces around
 * "=", any element it does not know. The generic reader then reads the whole sheet.
 */

/** What the scan hands each cell to; xlsx-sheet.ts works out its value and places it. */
export interface CellSink {
  /** As the generic reader's cell: false when the scan must give up (the sheet grew too large). */
  cell(row: number, col: number, type: string, style: number, value: string | null, formula: string | null, inline: string | null): boolean;
  /** The common cell, t="s" with a plain index and no formula, spared making its text. */
  sharedString(row: number, col: number, index: number): boolean;
}

export const GIVE_UP = -1;

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;
const AMPERSAND = 38;
const C = 99;
const F = 102;
const R = 114;
const S = 115;
const T = 116;
const V = 118;

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;
const isDigit = (code: number) => code >= 48 && code <= 57;
/** Where scanXml ends a tag name too ("<c" in "<cx>" is no c). */
const endsName = (code: number) => isSpace(code) || code === SLASH || code === GT;
/** Letters, digits and _ . - : — fewer than scanXml allows in an attribute name, never more. */
const isNameChar = (code: number) =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 58) || code === 95 || code === 46 || code === 45;

function skipSpace(xml: string, at: number): number {
  while (isSpace(xml.charCodeAt(at))) at++;
  return at;
}

/** The last tag readTag read: where it ends, and where its r, s and t values lie (-1: absent). */
class Tag {
  end = 0;
  selfClosing = false;
  r = -1;
  rEnd = -1;
  s = -1;
  sEnd = -1;
  t = -1;
  tEnd = -1;
}

/**
 * The attributes of a tag from just past its name, into `tag` (one per scan, so a cell costs no
 * object). Accepted only in the strict form name="value" with a value free of spaces and entities:
 * then xml.ts's attribute() can only find an attribute where this finds it, and reads it as raw.
 */
function readTag(xml: string, at: number, tag: Tag): boolean {
  tag.r = tag.s = tag.t = -1;
  for (;;) {
    const spaced = at;
    at = skipSpace(xml, at);
    const code = xml.charCodeAt(at);
    if (code === GT || (code === SLASH && xml.charCodeAt(at + 1) === GT)) {
      tag.selfClosing = code === SLASH;
      tag.end = at + (code === SLASH ? 2 : 1);
      return true;
    }
    const name = at;
    while (isNameChar(xml.charCodeAt(at))) at++;
    if (at === spaced || at === name || xml.charCodeAt(at) !== EQUALS) return false;
    const quote = xml.charCodeAt(at + 1);
    if (quote !== QUOTE && quote !== APOSTROPHE) return false;
    const value = at + 2;
    let end = value;
    for (let c = xml.charCodeAt(end); c !== quote; c = xml.charCodeAt(++end)) {
      // NaN: the part ended inside the value.
      if (isSpace(c) || c === AMPERSAND || Number.isNaN(c)) return false;
    }
    // The first of a repeated attribute counts, as attribute() finds it first.
    const key = at - name === 1 ? xml.charCodeAt(name) : 0;
    if (key === R && tag.r < 0) {
      tag.r = value;
      tag.rEnd = end;
    } else if (key === S && tag.s < 0) {
      tag.s = value;
      tag.sEnd = end;
    } else if (key === T && tag.t < 0) {
      tag.t = value;
      tag.tEnd = end;
    }
    at = end + 1;
  }
}

/** columnIndex of the reference between from and to, read in place. */
function columnAt(xml: string, from: number, to: number): number {
  let col = 0;
  for (let i = from; i < to; i++) {
    const code = xml.charCodeAt(i) & 0xdf;
    if (code < 65 || code > 90) break;
    col = col * 26 + code - 64;
  }
  return col - 1;
}

/** A short run of digits as its number, or -1: such text reads the same through Number(). */
function digitsAt(xml: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const code = xml.charCodeAt(i);
    if (!isDigit(code)) return -1;
    n = n * 10 + code - 48;
  }
  return n;
}

/** Number() of the text between from and to, as the generic reader takes a style or row number. */
function numberAt(xml: string, from: number, to: number): number {
  const n = digitsAt(xml, from, to);
  return n >= 0 ? n : Number(xml.slice(from, to));
}

/**
 * Reads the rows and cells from `from` (just past <sheetData>) into `sink`. The index of
 * </sheetData>, where scanXml can take over again, or GIVE_UP.
 */
export function readSheetData(xml: string, from: number, sink: CellSink): number {
  return new SheetDataScan(xml, sink).run(from);
}

class SheetDataScan {
  private readonly tag = new Tag();
  private row = -1;
  private lastCol = -1;

  constructor(
    private readonly xml: string,
    private readonly sink: CellSink,
  ) {}

  run(from: number): number {
    const xml = this.xml;
    for (let at = skipSpace(xml, from); at !== GIVE_UP; at = skipSpace(xml, at)) {
      if (xml.charCodeAt(at) !== LT) return GIVE_UP;
      const next = xml.charCodeAt(at + 1);
      if (next === C && endsName(xml.charCodeAt(at + 2))) at = this.cell(at + 2);
      else if (next === R && xml.startsWith('row', at + 1) && endsName(xml.charCodeAt(at + 4))) at = this.openRow(at + 4);
      else if (xml.startsWith('</row>', at)) at += 6;
      else return xml.startsWith('</sheetData>', at) ? at : GIVE_UP;
    }
    return GIVE_UP;
  }

  /** <row …>, as the generic reader: its r if that is a row number, else the row after the last. */
  private openRow(at: number): number {
    const tag = this.tag;
    if (!readTag(this.xml, at, tag)) return GIVE_UP;
    const r = tag.r < 0 ? NaN : Number(this.xml.slice(tag.r, tag.rEnd));
    this.row = Number.isInteger(r) && r > 0 ? r - 1 : this.row + 1;
    this.lastCol = -1;
    return tag.end;
  }

  /** <c …> to its </c>: where the scan goes on, or GIVE_UP. */
  private cell(at: number): number {
    const { xml, tag } = this;
    if (!readTag(xml, at, tag)) return GIVE_UP;
    // No reference, or an empty one: the cell after the last, as the generic reader counts.
    const col = tag.r < 0 || tag.rEnd === tag.r ? this.lastCol + 1 : columnAt(xml, tag.r, tag.rEnd);
    this.lastCol = col;
    if (tag.selfClosing) return tag.end;
    const type = tag.t < 0 ? 'n' : tag.tEnd - tag.t === 1 ? xml.charAt(tag.t) : xml.slice(tag.t, tag.tEnd);
    const style = tag.s < 0 ? 0 : numberAt(xml, tag.s, tag.sEnd);
    return this.cellContent(tag.end, col, type, style);
  }

  /**
   * A cell's <v>, <f> and inline <is><t> (any may be missing, empty or self-closing) and its </c>.
   * Like the generic reader, this takes <is> as no more than a wrapper: a <t> anywhere in the cell
   * adds to its inline text.
   */
  private cellContent(at: number, col: number, type: string, style: number): number {
    const { xml, tag } = this;
    // The value is cut out of the text only when needed: most cells are shared strings.
    let value = -1;
    let valueEnd = -1;
    let formula: string | null = null;
    let inline: string | null = null;
    for (at = skipSpace(xml, at); !xml.startsWith('</c>', at); at = skipSpace(xml, at)) {
      if (xml.startsWith('<is>', at) || xml.startsWith('</is>', at)) {
        at = xml.indexOf('>', at) + 1;
        continue;
      }
      const name = xml.charCodeAt(at + 1);
      if (xml.charCodeAt(at) !== LT || (name !== V && name !== F && name !== T) || !endsName(xml.charCodeAt(at + 2))) return GIVE_UP;
      let text = at + 3;
      if (xml.charCodeAt(at + 2) !== GT) {
        if (!readTag(xml, at + 2, tag)) return GIVE_UP;
        text = tag.end;
        if (tag.selfClosing) {
          // A shared formula's copies carry no text of their own; <v/> and <t/> add nothing.
          if (name === F) formula = '';
          at = text;
          continue;
        }
      }
      const end = xml.indexOf('<', text);
      if (end < 0 || xml.charCodeAt(end + 1) !== SLASH || xml.charCodeAt(end + 2) !== name || xml.charCodeAt(end + 3) !== GT) return GIVE_UP;
      if (name === V) {
        value = text;
        valueEnd = end;
      } else if (name === F) {
        formula = decodeOoxmlText(xml.slice(text, end));
      } else {
        inline = (inline ?? '') + decodeOoxmlText(xml.slice(text, end));
      }
      at = end + 4;
    }
    const index = type === 's' && formula === null ? digitsAt(xml, value, valueEnd) : -1;
    const placed =
      index >= 0
        ? this.sink.sharedString(this.row, col, index)
        : this.sink.cell(this.row, col, type, style, value < 0 ? null : decodeOoxmlText(xml.slice(value, valueEnd)), formula, inline);
    return placed ? at + 4 : GIVE_UP;
  }
}
