import { zip } from '../../electron/core/export/xlsx/zip';

export interface ZipPart {
  content: string | Uint8Array;
  /** Lie about the inflated size in both headers (a zip bomb's trick). */
  declaredSize?: number;
}

/**
 * A ZIP from the export's own writer, then with the inflated sizes rewritten where a part asks to
 * lie about them: a test can write what no spreadsheet program would.
 */
export function writeZip(files: Record<string, string | ZipPart>): Uint8Array {
  const parts = Object.entries(files).map(([name, file]) => ({ name, part: typeof file === 'string' ? { content: file } : file }));
  const bytes = zip(parts.map(({ name, part }) => ({ name, data: Buffer.from(part.content) })), new Date(0));
  let entry = bytes.readUInt32LE(bytes.length - 6); // the central directory's offset
  for (const { part } of parts) {
    if (part.declaredSize !== undefined) {
      bytes.writeUInt32LE(part.declaredSize, entry + 24);
      bytes.writeUInt32LE(part.declaredSize, bytes.readUInt32LE(entry + 42) + 22);
    }
    entry += 46 + bytes.readUInt16LE(entry + 28);
  }
  return new Uint8Array(bytes);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * The smallest workbook Loket reads: `sheetRefs` tab entries that all name the one worksheet part
 * (legal in the markup, and a way to make a reader inflate one part many times).
 */
export function workbookParts(sheetXml: string | ZipPart, opts: { sharedStrings?: string | ZipPart; sheetRefs?: number } = {}): Record<string, string | ZipPart> {
  const tabs = Array.from({ length: opts.sheetRefs ?? 1 }, (_, i) => `<sheet name="S${i}" sheetId="${i + 1}" r:id="rId1"/>`).join('');
  return {
    '_rels/.rels': `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook ${NS}><sheets>${tabs}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': sheetXml,
    'xl/sharedStrings.xml': opts.sharedStrings ?? `<sst ${NS}><si><t>NIB</t></si></sst>`,
  };
}

export function worksheet(body: string): string {
  return `<worksheet ${NS}>${body}</worksheet>`;
}

const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';

/**
 * An XLSX (or an OpenDocument spreadsheet, which SheetJS reads) of about 400 KB whose one sheet
 * inflates to `mb` megabytes of blanks, its sizes declared honestly.
 */
export function zipBomb(mb: number, format: 'xlsx' | 'ods' = 'xlsx'): Uint8Array {
  const [open, close] =
    format === 'xlsx'
      ? ['<worksheet><sheetData>', '</sheetData></worksheet>']
      : [
          '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body><office:spreadsheet><table:table table:name="S">',
          '</table:table></office:spreadsheet></office:body></office:document-content>',
        ];
  const sheet = Buffer.alloc(mb * 1024 * 1024, 0x20);
  sheet.write(open, 0);
  sheet.write(close, sheet.length - close.length);
  const parts: Record<string, string | ZipPart | Buffer> = format === 'xlsx' ? { ...workbookParts(''), 'xl/worksheets/sheet1.xml': sheet } : { mimetype: ODS_MIMETYPE, 'content.xml': sheet };
  const entries = Object.entries(parts).map(([name, content]) => ({ name, data: Buffer.isBuffer(content) ? content : Buffer.from(typeof content === 'string' ? content : content.content) }));
  return new Uint8Array(zip(entries, new Date(0)));
}

/** The archive with `name`'s inflated size in the central directory (the one readers trust) set to `size`. */
export function declareSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = Buffer.from(bytes);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let entry = out.readUInt32LE(end + 16);
  for (let n = out.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = out.readUInt16LE(entry + 28);
    if (out.toString('utf8', entry + 46, entry + 46 + nameLength) === name) out.writeUInt32LE(size, entry + 24);
    entry += 46 + nameLength + out.readUInt16LE(entry + 30) + out.readUInt16LE(entry + 32);
  }
  return new Uint8Array(out);
}
