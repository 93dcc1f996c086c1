/** Text folding shared by search, import header detection and de-duplication. */

/**
 * Invisible characters a name or text field must not carry: control characters (NUL, C1, …) other
 * than whitespace, format characters (bidirectional overrides and isolates such as U+202E,
 * zero-width spaces and joiners, U+FEFF, soft hyphens) and unpaired surrogates.
 */
const INVISIBLE = /(?![\t\n\v\f\r])[\p{Cc}\p{Cf}\p{Cs}]/gu;

/**
 * Text as it is stored, whatever face it came through (import, walk-in, any form): invisible
 * characters removed, composed to NFC (so "é" typed two ways is one name), whitespace runs made one
 * space, trimmed. A field that is empty afterwards held nothing a person could read.
 */
export function cleanText(raw: string): string {
  // Most cells are printable ASCII already single-spaced, which the four steps leave as it is: one look
  // at them spares a third of reading a 100k-row list.
  if (singleSpaced(raw, isPrintableAscii)) return raw;
  return withoutInvisible(raw).normalize('NFC').replace(/\s+/g, ' ').trim();
}

const isPrintableAscii = (c: number) => c > 32 && c < 127;
const isLowerAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);

/** Not empty, and characters `inWord` takes in words one space apart, with no space at either end. */
function singleSpaced(text: string, inWord: (c: number) => boolean): boolean {
  let afterSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inWord(c)) afterSpace = false;
    else if (c === 32 && !afterSpace) afterSpace = true;
    else return false;
  }
  return !afterSpace;
}

/** Only the invisible characters removed: for text written out that came from elsewhere (a file, another desk). */
export function withoutInvisible(raw: string): string {
  return raw.replace(INVISIBLE, '');
}

const APOSTROPHES = /['\u2018\u2019`\u00b4]/g;
const NON_ASCII = /[^\u0000-\u007f]/;

/** Lowercase, strip diacritics and apostrophes, turn punctuation into spaces, collapse spaces. */
export function foldText(raw: string): string {
  let text = raw.toLowerCase();
  // Most names are plain words once lowercased: one look at them spares the three replacements (half the folding of a 100k list).
  if (singleSpaced(text, isLowerAlnum)) return text;
  // Most names are plain ASCII, which decomposing leaves as it is: skipping it saves a quarter of the folding.
  if (NON_ASCII.test(text)) text = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return text.replace(APOSTROPHES, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Trim, collapse inner spaces, and title-case a name typed all in capitals or all in lowercase. */
export function tidyName(raw: string): string {
  const text = raw.replace(/\s+/g, ' ').trim();
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (!letters || (letters !== letters.toUpperCase() && letters !== letters.toLowerCase())) return text;
  return text.toLowerCase().replace(/(^|[\s.(-])(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}
