import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  content: string | Uint8Array;
  /** Lie about the inflated size in both headers (a zip bomb's trick). */
  declaredSize?: number;
}

/** A ZIP built by hand, so a test can write what no spreadsheet program would. */
export function writeZip(files: Record<string, string | ZipPart>): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, file] of Object.entries(files)) {
    const part = typeof file === 'string' ? { content: file } : file;
    const data = Buffer.from(part.content);
    const packed = deflateRawSync(data, { level: 9 });
    const size = part.declaredSize ?? data.length;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
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
