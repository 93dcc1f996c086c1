import { crc32, inflateRawSync } from 'node:zlib';
import { LoketError } from '../../../shared/errors';
import { MAX_WORKBOOK_BYTES, MAX_WORKBOOK_MB } from './limits';

/**
 * Just enough ZIP to open an XLSX held in memory, and to check an ODS before SheetJS opens it: the
 * central directory, stored and deflated entries. No temporary files (participant data stays off
 * the disk) and a cap on what one entry may inflate to, so a small "zip bomb" cannot exhaust the
 * desk's memory.
 */

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

interface Entry {
  crc: number;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipArchive {
  private inflated = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    private readonly entries: Map<string, Entry>,
    /** Every entry of the directory, a name given twice included: a reader that inflates them all meets each. */
    private readonly listed: readonly Entry[],
  ) {}

  /** Throws a plain Error for anything that is not a readable ZIP. */
  static open(bytes: Uint8Array): ZipArchive {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let end = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
      if (view.getUint32(i, true) === END_OF_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) throw new Error('zip: no central directory');
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    const entries = new Map<string, Entry>();
    const listed: Entry[] = [];
    for (let n = 0; n < count; n++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) throw new Error('zip: bad directory');
      const nameLength = view.getUint16(at + 28, true);
      const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
      // Part names are case-insensitive in OOXML, and some writers use "\" or a leading "/".
      const entry: Entry = {
        crc: view.getUint32(at + 16, true),
        flags: view.getUint16(at + 8, true),
        method: view.getUint16(at + 10, true),
        compressedSize: view.getUint32(at + 20, true),
        size: view.getUint32(at + 24, true),
        offset: view.getUint32(at + 42, true),
      };
      entries.set(name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase(), entry);
      listed.push(entry);
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return new ZipArchive(bytes, view, entries, listed);
  }

  /** The entry's bytes, or null when there is no such entry. */
  read(name: string): Uint8Array | null {
    const entry = this.entries.get(name.toLowerCase());
    return entry ? this.inflate(entry) : null;
  }

  /**
   * For a reader that inflates every entry itself with no cap of its own (SheetJS, for an ODS):
   * refused, as `read` refuses, when the entries declare more than the cap together, before any is
   * inflated; then each is inflated here within its declared size and CRC-checked. SheetJS sizes
   * its output by the local header, where LibreOffice writes 0 (the sizes follow the data), so an
   * entry that declared less than it holds would be inflated as far as it goes.
   */
  checkEveryEntry(): void {
    const declared = this.listed.reduce((sum, entry) => sum + Math.max(entry.size, entry.compressedSize), 0);
    if (declared > MAX_WORKBOOK_BYTES) throw new LoketError('file_too_complex', { max: MAX_WORKBOOK_MB });
    for (const entry of this.listed) this.inflate(entry);
  }

  private inflate(entry: Entry): Uint8Array {
    // Counted before inflating: a deflated entry may not exceed its declared size, a stored one is its data.
    this.inflated += Math.max(entry.size, entry.compressedSize);
    if (this.inflated > MAX_WORKBOOK_BYTES) throw new LoketError('file_too_complex', { max: MAX_WORKBOOK_MB });
    const { offset } = entry;
    if (offset + 30 > this.bytes.length || this.view.getUint32(offset, true) !== LOCAL_HEADER) throw new Error('zip: bad entry');
    if (entry.flags & 1) throw new Error('zip: encrypted');
    const start = offset + 30 + this.view.getUint16(offset + 26, true) + this.view.getUint16(offset + 28, true);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    if (data.length !== entry.compressedSize) throw new Error('zip: truncated');
    if (entry.method !== 0 && entry.method !== 8) throw new Error('zip: unsupported compression');
    const content = entry.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
    // A damaged list must be refused, not imported with garbled names or NIBs.
    if (crc32(content) >>> 0 !== entry.crc) throw new Error('zip: checksum mismatch');
    return content;
  }
}
