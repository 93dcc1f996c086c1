/**
 * Windows-1252 as the WHATWG Encoding Standard defines it: Latin-1 except 0x80–0x9F, which hold
 * € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ (the five unassigned bytes map to the C1
 * code point of the same number). Node's own TextDecoder('windows-1252') is Latin-1 since Node
 * 20.18.3/22.13 (nodejs/node#56542, #60888), which put control characters where Excel's CSVs
 * have ’ “ ” –, so the 32 code points are spelled out here.
 */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const HIGH_TEXT = HIGH.map((code) => String.fromCharCode(code));
const BYTE_OF = new Map(HIGH.map((code, i) => [code, 0x80 + i]));

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => HIGH_TEXT[c.charCodeAt(0) - 0x80]!);
}

/** Encode as Excel's "CSV (Comma delimited)" does on a Western/Indonesian Windows; unmappable characters become "?". */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i] = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (BYTE_OF.get(code) ?? 0x3f);
  }
  return out;
}
