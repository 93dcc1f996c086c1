import { LoketError } from '../../../shared/errors';
import type { RawSheet } from '../../../shared/import/types';
import { CellBudget } from './cell-budget';
import { MAX_SHEET_NAME } from './limits';
import { dropTrailingBlankRows } from './rows';
import { decodeOoxmlText, readSheetXml, type WorkbookParts } from './xlsx-sheet';
import { attributes, partText, scanXml } from './xml';
import { ZipArchive } from './zip';

/**
 * XLSX reading for the import. exceljs's `xlsx.load` needs about 20 s for 100k bordered rows and
 * its streaming reader can lose the parts at the end of the archive, so the values are read here
 * directly: workbook, relationships, shared strings, date styles and sheet cells, nothing else.
 */

interface Relationship {
  target: string;
  type: string;
}

/** Built-in number formats that are dates (ECMA-376 §18.8.30, with the East Asian ones). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return DATE_FORMAT_IDS.has(id);
  // Quoted text, escapes, [colours]/[$-421] and padding are not format letters.
  const letters = code.replace(/"[^"]*"|\\.|\[[^\]]*\]|[_*]./g, '');
  return /[dmyhs]/i.test(letters);
}

function dateStyles(xml: string): Set<number> {
  const formats = new Map<number, string>();
  const styles: number[] = [];
  let inCellXfs = false;
  scanXml(xml, {
    open(name, raw) {
      if (name === 'numFmt') {
        const a = attributes(raw);
        formats.set(Number(a.numFmtId), a.formatCode ?? '');
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        styles.push(Number(attributes(raw).numFmtId ?? 0));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  const dates = new Set<number>();
  styles.forEach((id, index) => {
    if (isDateFormat(id, formats.get(id))) dates.add(index);
  });
  return dates;
}

function sharedStrings(xml: string, budget: CellBudget): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = false;
  scanXml(xml, {
    // A self-closing tag is opened and closed at once, so <si/> still counts as one (empty) string.
    open(name) {
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic = true;
      else if (name === 't') inText = !phonetic;
    },
    text(text, cdata) {
      if (inText && current !== null) current += cdata ? text : decodeOoxmlText(text);
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'rPh') phonetic = false;
      else if (name === 'si' && current !== null) {
        budget.spend(1);
        strings.push(current);
        current = null;
      }
    },
  });
  return strings;
}

function relationships(xml: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  scanXml(xml, {
    open(name, raw) {
      if (name !== 'Relationship') return;
      const a = attributes(raw);
      if (a.Id && a.Target) rels.set(a.Id, { target: a.Target, type: a.Type ?? '' });
    },
  });
  return rels;
}

/** A relationship target as a part name: relative to the source part's folder, or absolute. */
function resolve(folder: string, target: string): string {
  const parts: string[] = [];
  for (const segment of (target.startsWith('/') ? target : `${folder}/${target}`).split('/')) {
    if (segment === '..') parts.pop();
    else if (segment && segment !== '.') parts.push(segment);
  }
  return parts.join('/');
}

function relsOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function readSheets(zip: ZipArchive): RawSheet[] {
  const text = (part: string): string | null => {
    const bytes = zip.read(part);
    return bytes ? partText(bytes) : null;
  };
  // A sheet the workbook names but the archive lacks is damage (often one flipped bit in its
  // name); read as empty, it would import as a sheet without rows.
  const sheetText = (part: string): string => {
    const found = text(part);
    if (found === null) throw new Error(`xlsx: missing sheet ${part}`);
    return found;
  };
  const rootRels = relationships(text('_rels/.rels') ?? '');
  const office = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPart = office ? resolve('', office.target) : 'xl/workbook.xml';
  const workbookXml = text(workbookPart);
  if (workbookXml === null) return [];
  const folder = workbookPart.slice(0, workbookPart.lastIndexOf('/'));
  const rels = relationships(text(relsOf(workbookPart)) ?? '');
  const partOfType = (type: string) => {
    const rel = [...rels.values()].find((r) => r.type.endsWith(`/${type}`));
    return rel ? text(resolve(folder, rel.target)) : null;
  };

  const sheets: { name: string; part: string; hidden: boolean }[] = [];
  let date1904 = false;
  scanXml(workbookXml, {
    open(name, raw) {
      const a = attributes(raw);
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      // The relationships prefix is "r" by convention only.
      const id = Object.entries(a).find(([key]) => key.endsWith(':id'))?.[1];
      const rel = name === 'sheet' && id ? rels.get(id) : undefined;
      // Chart sheets and macro sheets have no list in them.
      if (rel?.type.endsWith('/worksheet')) {
        // state="hidden" or "veryHidden" (the latter only reachable through VBA): often an old copy of the list.
        const hidden = a.state === 'hidden' || a.state === 'veryHidden';
        sheets.push({ name: (a.name ?? '').slice(0, MAX_SHEET_NAME), part: resolve(folder, rel.target), hidden });
      }
    },
  });
  const budget = new CellBudget();
  const parts: WorkbookParts = {
    sharedStrings: sharedStrings(partOfType('sharedStrings') ?? '', budget),
    dateStyles: dateStyles(partOfType('styles') ?? ''),
    date1904,
    budget,
  };
  return sheets.map(({ name, part, hidden }) => {
    const { rows, unsaved } = readSheetXml(sheetText(part), parts);
    const sheet: RawSheet = { name, rows: dropTrailingBlankRows(rows) };
    if (hidden) sheet.hidden = true;
    if (unsaved.length > 0) sheet.unsaved = unsaved;
    return sheet;
  });
}

/** Every worksheet in tab order. Anything that does not open as a workbook is "not a spreadsheet". */
export function readXlsx(bytes: Uint8Array, fileName: string): RawSheet[] {
  let sheets: RawSheet[] = [];
  try {
    sheets = readSheets(ZipArchive.open(bytes));
  } catch (error) {
    if (error instanceof LoketError) throw error;
  }
  if (sheets.length === 0) throw new LoketError('file_unreadable', { file: fileName });
  return sheets;
}
