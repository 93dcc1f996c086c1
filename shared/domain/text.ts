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
  if (singleSpaced(raw, PRINTABLE_ASCII)) return raw;
  return withoutInvisible(raw).normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * 1 at each ASCII code `inWord` takes. A table, not a callback: the callback was not inlined where
 * cleanText runs on every cell of a list, and calling it on each character made normalizing a
 * 100k-row list a seventh slower.
 */
function asciiTable(inWord: (c: number) => boolean): Uint8Array {
  return Uint8Array.from({ length: 128 }, (_, c) => (inWord(c) ? 1 : 0));
}

const PRINTABLE_ASCII = asciiTable((c) => c > 32 && c < 127);
const LOWER_ALNUM = asciiTable((c) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57));

/** Not empty, and characters `inWord` takes in words one space apart, with no space at either end. */
function singleSpaced(text: string, inWord: Uint8Array): boolean {
  let afterSpace = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 && inWord[c] === 1) afterSpace = false;
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
  if (singleSpaced(text, LOWER_ALNUM)) return text;
  // Most names are plain ASCII, which decomposing leaves as it is: skipping it saves a quarter of the folding.
  if (NON_ASCII.test(text)) text = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return text.replace(APOSTROPHES, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Trim, collapse inner spaces, and title-case a name typed all in capitals or all in lowercase. */
export function tidyName(raw: string): string {
  // Most names are plain ASCII in capitals and small letters, which the steps below give back as they are: one look at
  // them spares the Unicode replacements (a twentieth of normalizing a 100k-row list).
  if (mixedCaseAscii(raw)) return raw;
  const text = raw.replace(/\s+/g, ' ').trim();
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (!letters || (letters !== letters.toUpperCase() && letters !== letters.toLowerCase())) return text;
  return text.toLowerCase().replace(/(^|[\s.(-])(\p{Ll})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** Printable ASCII words one space apart, with at least one capital and one small letter. */
function mixedCaseAscii(text: string): boolean {
  if (!singleSpaced(text, PRINTABLE_ASCII)) return false;
  let capital = false;
  let small = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) capital = true;
    else if (c >= 97 && c <= 122) small = true;
  }
  return capital && small;
}
