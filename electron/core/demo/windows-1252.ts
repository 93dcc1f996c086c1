/** Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, ‚, ƒ, „, …, ‘, ’, “, ”, –, —, ™, …). */
const HIGH = new Map<number, number>();
const decoder = new TextDecoder('windows-1252');
for (let byte = 0x80; byte <= 0x9f; byte++) HIGH.set(decoder.decode(Uint8Array.of(byte)).charCodeAt(0), byte);

/** Encode as Excel's "CSV (Comma delimited)" does on a Western/Indonesian Windows; unmappable characters become "?". */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[i] = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : (HIGH.get(code) ?? 0x3f);
  }
  return out;
}
