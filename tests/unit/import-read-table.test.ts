import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeWindows1252, encodeWindows1252 } from '../../electron/core/import/windows-1252';
import { readTable } from '../../electron/core/import/read-table';
import { LoketError } from '../../shared/errors';

/** A ZIP written by hand, so a test can build the XLSX quirks other writers produce. */
function zip(files: Record<string, string | Uint8Array>, store = false): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    const packed = store ? data : deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(store ? 0 : 8, 8);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(store ? 0 : 8, 10);
    entry.writeUInt32LE(crc32(data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(header, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += header.length + nameBytes.length + packed.length;
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

const RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

function workbookFiles(sheetXml: string, extra: Record<string, string> = {}, workbookPr = ''): Record<string, string> {
  return {
    '_rels/.rels': RELS,
    'xl/workbook.xml': `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${workbookPr}<x:sheets><x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/Sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${sheetXml}</x:sheetData></x:worksheet>`,
    ...extra,
  };
}

async function unreadable(bytes: Uint8Array, fileName = 'peserta.xlsx'): Promise<void> {
  await expect(readTable(bytes, fileName)).rejects.toMatchObject({ code: 'file_unreadable', params: { file: fileName } });
}

describe('readTable: XLSX', () => {
  it('reads every sheet in tab order with numbers kept, merged titles repeated and trailing rows dropped', async () => {
    const workbook = new ExcelJS.Workbook();
    const first = workbook.addWorksheet('TALA');
    first.getCell('A1').value = 'DAFTAR PESERTA';
    first.mergeCells('A1:C1');
    first.addRow([]);
    first.addRow(['NIB', 'NAMA', 'HP']);
    first.addRow([657975329314, 'Siti', 82954141067]);
    first.addRow([null, null, null]);
    first.getCell('A9').value = '';
    const second = workbook.addWorksheet('Data & "Co"');
    second.addRow(['x']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(await readTable(bytes, 'peserta.xlsx')).toEqual([
      {
        name: 'TALA',
        rows: [['DAFTAR PESERTA', 'DAFTAR PESERTA', 'DAFTAR PESERTA'], [], ['NIB', 'NAMA', 'HP'], [657975329314, 'Siti', 82954141067]],
      },
      { name: 'Data & "Co"', rows: [['x']] },
    ]);
  });

  it('reads a formula as its saved result (never its text, never evaluated), other values as plain text', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.getCell('A1').value = { richText: [{ text: 'Rich ', font: { bold: true } }, { text: 'Text' }] };
    sheet.getCell('B1').value = { text: 'Toko Berkah', hyperlink: 'http://contoh.invalid' };
    sheet.getCell('C1').value = new Date(Date.UTC(2024, 4, 21));
    sheet.getCell('D1').value = true;
    sheet.getCell('E1').value = { error: '#N/A' };
    sheet.getCell('F1').value = { formula: 'HYPERLINK("http://contoh.invalid","Toko")', result: 'SAFE-LOOKING RESULT' };
    sheet.getCell('A2').value = 1;
    sheet.fillFormula('A3:A5', 'A2+1', [2, 3, 4]);
    sheet.getCell('B2').value = { formula: 'A2*2' };
    const [read] = await readTable(new Uint8Array(await workbook.xlsx.writeBuffer()), 'f.xlsx');
    expect(read!.rows).toEqual([['Rich Text', 'Toko Berkah', '2024-05-21', 'TRUE', '#N/A', 'SAFE-LOOKING RESULT'], [1], [2], [3], [4]]);
    // Saved without a result (exceljs, like openpyxl, writes none unless told): blank, and listed.
    expect(read!.unsaved).toEqual([{ row: 2, col: 1, formula: 'A2*2', error: null }]);
  });

  it('copes with prefixed tags, cells without references, inline and phonetic text, escapes and stored entries', async () => {
    const sheet =
      '<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:r><x:t>Nur&apos;</x:t></x:r><x:r><x:t xml:space="preserve">aini </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ヌ</x:t></x:rPh></x:is></x:c>' +
      '<x:c t="s"><x:v>0</x:v></x:c><x:c s="1"><x:v>45433.75</x:v></x:c><x:c t="str"><x:f>"&lt;b&gt;"&amp;B2</x:f><x:v>cached</x:v></x:c></x:row>' +
      '<x:row><x:c t="d"><x:v>2024-05-21T00:00:00</x:v></x:c><x:c t="e"><x:v>#REF!</x:v></x:c><x:c/><x:c><x:v>1.5</x:v></x:c></x:row>';
    const files = workbookFiles(sheet, {
      'xl/sharedStrings.xml': '<sst><si><r><t>Baris_x000D_</t></r><r><t>dua</t></r></si></sst>',
      'xl/styles.xml': '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>',
    });
    const expected = [
      [],
      [null, "Nur'aini ", 'Baris\rdua', '2024-05-21', 'cached'],
      ['2024-05-21', '#REF!', null, 1.5],
    ];
    expect((await readTable(zip(files), 'q.xlsx'))[0]!.rows).toEqual(expected);
    expect((await readTable(zip(files, true), 'q.xlsx'))[0]!.rows).toEqual(expected);
  });

  it('counts dates from 1904 when the workbook says so', async () => {
    const files = workbookFiles('<x:row r="1"><x:c s="1"><x:v>0</x:v></x:c></x:row>', {
      'xl/styles.xml': '<styleSheet><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
    }, '<x:workbookPr date1904="1"/>');
    expect((await readTable(zip(files), 'q.xlsx'))[0]!.rows).toEqual([['1904-01-01']]);
  });

  it('reads a workbook by its content, whatever the file is called, from any slice of memory', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('S').addRow(['NIB']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 7);
    expect(await readTable(padded.subarray(7), 'peserta.csv')).toEqual([{ name: 'S', rows: [['NIB']] }]);
  });
});

describe('readTable: CSV', () => {
  const read = async (text: string | Uint8Array, fileName = 'peserta.csv') =>
    (await readTable(typeof text === 'string' ? new TextEncoder().encode(text) : text, fileName))[0]!;

  it('names the sheet after the file and splits Indonesian Excel’s semicolons', async () => {
    const sheet = await read('NAMA;NIB;HP\r\nSiti;0123456789012;0812\r\n', 'C:\\Data\\peserta kalsel.v2.csv');
    expect(sheet).toEqual({ name: 'peserta kalsel.v2', rows: [['NAMA', 'NIB', 'HP'], ['Siti', '0123456789012', '0812']] });
  });

  it('keeps separators, quotes and line breaks inside quoted fields', async () => {
    const text = 'NAMA;ALAMAT;KET\n"Siti; Hj.";"Jl. A. Yani\nKm. 5";"kata ""dodol"""\nRahmah;;x\n';
    expect((await read(text)).rows).toEqual([
      ['NAMA', 'ALAMAT', 'KET'],
      ['Siti; Hj.', 'Jl. A. Yani\nKm. 5', 'kata "dodol"'],
      ['Rahmah', null, 'x'],
    ]);
  });

  it('finds a comma or tab separator, with decimals and title lines around', async () => {
    expect((await read('Daftar peserta\nNAMA,NIB,ALAMAT\nSiti,"0123456789012","Jl. Veteran; No. 7"\n')).rows).toEqual([
      ['Daftar peserta'],
      ['NAMA', 'NIB', 'ALAMAT'],
      ['Siti', '0123456789012', 'Jl. Veteran; No. 7'],
    ]);
    expect((await read('NAMA\tNIB\tHARGA\nSiti\t0123456789012\t1,5\n')).rows).toEqual([
      ['NAMA', 'NIB', 'HARGA'],
      ['Siti', '0123456789012', '1,5'],
    ]);
    expect((await read('NAMA;HARGA;NIB\nSiti;1,5;0123456789012\nRahmah;2,25;1112210007923\n')).rows[1]).toEqual(['Siti', '1,5', '0123456789012']);
  });

  it('follows an Excel "sep=" line', async () => {
    expect((await read('sep=,\nA;B,C\n')).rows).toEqual([['A;B', 'C']]);
  });

  it('decodes UTF-8 with a BOM, Windows-1252 and UTF-16', async () => {
    const text = 'NAMA;NIB\nJosé Nuñez;0123456789012\n';
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect((await read(bom)).rows[0]).toEqual(['NAMA', 'NIB']);
    expect((await read(bom)).rows[1]![0]).toBe('José Nuñez');
    expect((await read(encodeWindows1252(text))).rows[1]![0]).toBe('José Nuñez');
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('NAMA\tNIB\nJosé\t1\n', 'utf16le')]);
    expect((await read(utf16)).rows).toEqual([['NAMA', 'NIB'], ['José', '1']]);
  });

  it('decodes every Windows-1252 byte 0x80–0x9F to its WHATWG code point, not to a C1 control as Node 20 does', async () => {
    // The WHATWG Encoding Standard's index-windows-1252, pointers 0–31 (the 5 unassigned bytes keep their C1 code point).
    const whatwg = [
      0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
      0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
    ];
    const high = Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect([...decodeWindows1252(Uint8Array.from(high))].map((c) => c.codePointAt(0))).toEqual(whatwg);
    // The same through the CSV reader: a list that is not UTF-8 ("Warung Ma’ruf" with a 0x92).
    const bytes = Uint8Array.from([...Buffer.from('NAMA;USAHA\nSiti;Warung Ma'), 0x92, ...Buffer.from('ruf '), ...high.filter((b) => b !== 0x81 && b !== 0x8d && b !== 0x8f && b !== 0x90 && b !== 0x9d), 0x0a]);
    const cell = (await read(bytes)).rows[1]![1] as string;
    expect(cell).toBe(`Warung Ma’ruf ${String.fromCodePoint(...whatwg.filter((c) => c > 0xff))}`);
    expect(encodeWindows1252(cell)).toEqual(bytes.subarray(16, -1));
  });

  it('takes an open quote to the end and a lone CR as a line break', async () => {
    expect((await read('A;B\r"unterminated;x\r\ny')).rows).toEqual([['A', 'B'], ['unterminated;x\r\ny']]);
    expect((await read('A;B\rC;D')).rows).toEqual([['A', 'B'], ['C', 'D']]);
  });
});

describe('readTable: what is not a list', () => {
  it('reports an empty file', async () => {
    for (const bytes of [new Uint8Array(), new TextEncoder().encode(' \r\n;;;\n-;-;\n')]) {
      await expect(readTable(bytes, 'kosong.csv')).rejects.toMatchObject({ code: 'file_empty' });
    }
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1');
    workbook.addWorksheet('Sheet2').getCell('B5').value = '  ';
    await expect(readTable(new Uint8Array(await workbook.xlsx.writeBuffer()), 'kosong.xlsx')).rejects.toMatchObject({ code: 'file_empty' });
  });

  it('reports binary files as unreadable', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    await unreadable(random);
    await unreadable(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), 'foto.xlsx');
    await unreadable(new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'), 'surat.pdf');
    await unreadable(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]), 'lama.xls');
    await unreadable(new TextEncoder().encode('<html><table><tr><td>NIB</td></tr></table></html>'), 'export.xls');
  });

  it('reports broken or foreign ZIP files as unreadable', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('S').addRow(['NIB', 'NAMA']);
    const good = new Uint8Array(await workbook.xlsx.writeBuffer());
    for (const cut of [4, 100, good.length / 2, good.length - 30]) await unreadable(good.subarray(0, Math.floor(cut)));
    const sheetAt = Buffer.from(good).indexOf('xl/worksheets/sheet1.xml');
    for (const damage of [0x00, 0x55]) {
      const damaged = good.slice();
      damaged.fill(damage, sheetAt + 30, sheetAt + 60);
      await unreadable(damaged);
    }
    await unreadable(zip({ 'word/document.xml': '<w:document/>' }), 'surat.docx');
    await unreadable(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(60).fill(7)]));
  });

  it('refuses a file over 100 MB before reading it', async () => {
    const error = await readTable(new Uint8Array(100 * 1024 * 1024 + 1), 'besar.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoketError);
    expect(error).toMatchObject({ code: 'file_too_large', params: { max: 100 } });
  });
});
