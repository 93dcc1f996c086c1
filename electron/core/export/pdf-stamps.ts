/**
 * Chromium writes the render time into every PDF (/CreationDate, /ModDate) and may add a random
 * /ID, so two renders of the same document differ. These are overwritten in place with values
 * derived from the event log: same length, so every xref offset stays valid.
 */
const DATE = /\/(CreationDate|ModDate)\s*\(D:([^)]*)\)/g;
const ID = /\/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]/g;

function pdfDigits(at: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(at.getUTCFullYear(), 4)}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}${p(at.getUTCHours())}${p(at.getUTCMinutes())}${p(at.getUTCSeconds())}`;
}

/** Digits of the date in order, then zeros (for the zone offset); every other character kept. */
function sameLengthDate(original: string, digits: string): string {
  let i = 0;
  return original.replace(/\d/g, () => (i < digits.length ? digits[i++]! : '0'));
}

function sameLengthHex(original: string, hex: string): string {
  return Array.from(original, (_c, i) => hex[i % hex.length]!).join('').toUpperCase();
}

export function fixPdfStamps(pdf: Uint8Array, at: Date, digestHex: string): Uint8Array {
  // latin1 maps bytes 1:1 to characters, so lengths and offsets are preserved through the round trip.
  const text = Buffer.from(pdf).toString('latin1');
  const digits = pdfDigits(at);
  const fixed = text
    .replace(DATE, (whole: string, _key: string, value: string) => whole.replace(value, sameLengthDate(value, digits)))
    .replace(ID, (whole: string, a: string, b: string) => whole.replace(a, sameLengthHex(a, digestHex)).replace(b, sameLengthHex(b, digestHex)));
  return new Uint8Array(Buffer.from(fixed, 'latin1'));
}
