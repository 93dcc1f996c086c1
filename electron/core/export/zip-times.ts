/**
 * Set every entry's modification time in a ZIP (an XLSX) to one value, in place. exceljs's zip
 * library stamps each entry with the wall clock, so without this two exports of the same events
 * would differ in a few bytes. Only the fixed-size DOS time/date fields change: no offsets move.
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function setZipTimes(zip: Uint8Array, at: Date): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== EOCD) eocd--;
  if (eocd < 0) throw new Error('not a ZIP file: no end of central directory');
  const entries = view.getUint16(eocd + 10, true);
  let pos = view.getUint32(eocd + 16, true);
  // DOS time has two-second steps and starts in 1980.
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date = ((Math.max(at.getUTCFullYear(), 1980) - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  for (let i = 0; i < entries; i++) {
    if (view.getUint32(pos, true) !== CENTRAL) throw new Error('corrupt ZIP central directory');
    view.setUint16(pos + 12, time, true);
    view.setUint16(pos + 14, date, true);
    const local = view.getUint32(pos + 42, true);
    if (view.getUint32(local, true) !== LOCAL) throw new Error('corrupt ZIP local header');
    view.setUint16(local + 10, time, true);
    view.setUint16(local + 12, date, true);
    pos += 46 + view.getUint16(pos + 28, true) + view.getUint16(pos + 30, true) + view.getUint16(pos + 32, true);
  }
  return zip;
}
