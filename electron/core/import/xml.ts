/**
 * A minimal XML tokenizer for the parts of an XLSX: tags with their raw attribute text, and the
 * text between them. Namespace prefixes are dropped ("x:row" is "row"), as some writers use them.
 * Malformed markup is passed over as text rather than rejected; the caller decides what it needs.
 */

export interface XmlVisitor {
  open?(name: string, attributes: string, selfClosing: boolean): void;
  close?(name: string): void;
  /** Raw text (entities not decoded), or the content of a CDATA section. */
  text?(text: string, cdata: boolean): void;
}

const TOKEN =
  /<(\/)?(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/)?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<[?!][^>]*>/g;

/** `from`: where the last token a caller read ended (see scanXmlUntil); the part's start by default. */
export function scanXml(xml: string, visitor: XmlVisitor, from = 0): void {
  scan(xml, visitor, from, null);
}

/**
 * scanXml until an element named `name` opens; the index just past that tag (the tag itself is not
 * visited), or -1 if none does. A reader can take over that element with a faster scan of its own
 * and hand what follows it back to scanXml: tokens start where the last one ended, so both see the
 * same tokens.
 */
export function scanXmlUntil(xml: string, visitor: XmlVisitor, name: string): number {
  return scan(xml, visitor, 0, name);
}

function scan(xml: string, visitor: XmlVisitor, from: number, until: string | null): number {
  const token = new RegExp(TOKEN);
  token.lastIndex = from;
  let last = from;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    if (m.index > last && visitor.text) visitor.text(xml.slice(last, m.index), false);
    last = token.lastIndex;
    const name = m[2];
    if (name === undefined) {
      if (m[5] !== undefined && visitor.text) visitor.text(m[5], true);
    } else if (m[1]) {
      visitor.close?.(name);
    } else if (name === until) {
      return last;
    } else {
      visitor.open?.(name, m[3] ?? '', m[4] !== undefined);
      if (m[4] !== undefined) visitor.close?.(name);
    }
  }
  if (last < xml.length && visitor.text) visitor.text(xml.slice(last), false);
  return -1;
}

const ENTITY = /&(?:#[xX]([0-9a-fA-F]{1,6})|#(\d{1,7})|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function codePoint(code: number): string {
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
}

export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_m, hex?: string, dec?: string, named?: string) =>
    named ? NAMED[named]! : codePoint(hex ? parseInt(hex, 16) : Number(dec)),
  );
}

/** Excel's "_x000D_" escapes for characters XML cannot hold. */
export function decodeOoxmlText(raw: string): string {
  const text = decodeXml(raw);
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attribute values by name, prefix kept ("r:id"), entities decoded. */
export function attributes(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const m of raw.matchAll(ATTRIBUTE)) out[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * One attribute's value, for the hot path (every cell's r, s, t): no regex, no object. `raw` is the
 * attribute text of a tag, as scanXml passes it.
 */
export function attribute(raw: string, name: string): string | undefined {
  for (let at = raw.indexOf(name); at >= 0; at = raw.indexOf(name, at + 1)) {
    if (at > 0 && !isSpace(raw.charCodeAt(at - 1))) continue;
    let i = at + name.length;
    while (isSpace(raw.charCodeAt(i))) i++;
    if (raw[i] !== '=') continue;
    i++;
    while (isSpace(raw.charCodeAt(i))) i++;
    const quote = raw[i];
    if (quote !== '"' && quote !== "'") continue;
    const end = raw.indexOf(quote, i + 1);
    return end < 0 ? undefined : decodeXml(raw.slice(i + 1, end));
  }
  return undefined;
}

/** A part's bytes as text: UTF-8 unless it starts with a UTF-16 byte-order mark. */
export function partText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
