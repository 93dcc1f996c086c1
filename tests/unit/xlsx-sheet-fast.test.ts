import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CellBudget } from '../../electron/core/import/cell-budget';
import { readAnySheetXml, readCommonSheetXml, readSheetXml, type SheetCells, type WorkbookParts } from '../../electron/core/import/xlsx-sheet';
import { LoketError } from '../../shared/errors';
import { propertyRuns } from '../helpers/property-runs';

/**
 * The fast sheet reader (xlsx-cells-fast.ts) against the generic one it stands in for: on any sheet
 * it reads at all, the same rows, the same unsaved formulas, the same budget spent, the same refusal.
 */

/** Records what was spent, so the two readers can be held to the same cost, not only the same refusal. */
class CountingBudget extends CellBudget {
  spent = 0;
  override spend(cells: number): void {
    this.spent += cells;
    super.spend(cells);
  }
}

type Outcome = { read: SheetCells; spent: number } | { refused: string };

function outcome(read: (parts: WorkbookParts) => SheetCells | null, parts: Omit<WorkbookParts, 'budget'>, limit: number | undefined): Outcome | null {
  const budget = new CountingBudget(limit);
  try {
    const cells = read({ ...parts, budget });
    return cells && { read: cells, spent: budget.spent };
  } catch (error) {
    return { refused: error instanceof LoketError ? error.code : String(error) };
  }
}

/** Indexes 0–11 stand; "12", "45433.75" or "1e3" name a string the table lacks. */
const SHARED = ['NAMA', 'Toko & Berkah', 'Baris\rdua', '', ' 12 ', 'TRUE', 'NIB', 'ALAMAT', 'Kab. Banjar', '0812', 'x', 'Ω'];
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Mostly what spreadsheet programs write; now and then what the fast reader must give up on. */
const odd = <T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>, weight: number) => fc.oneof({ arbitrary: usual, weight }, { arbitrary: rare, weight: 1 });

const column = fc.oneof(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'AA', 'XFD', 'XFE', 'b', '', '1', 'ZZZZ'), fc.stringMatching(/^[A-F]$/));
const ref = fc.tuple(column, fc.constantFrom('1', '2', '', '1048577')).map(([c, r]) => c + r);
const value = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 11 }).map(String), weight: 4 },
  fc.constantFrom('0', '1', '5', '007', '45433.75', '12', '1e3', ' 5 ', '-1', '', 'abc', 'NaN', '2958466', '1e308'),
  fc.constantFrom('&amp;', 'a&#10;b', 'x_x000D_y', '&lt;b&gt;', '&#xD800;', '2024-05-21T00:00:00', '#N/A', 'TRUE'),
  fc.string({ maxLength: 8 }).map((s) => s.replace(/[<&]/g, '')),
);
const formula = fc.constantFrom('<f>ROW()-1</f>', '<f t="shared" ref="A2:A9" si="0">B1*2</f>', '<f t="shared" si="0"/>', '<f>"&lt;b&gt;"&amp;B2</f>', '<f></f>');
const inlineBody = fc.oneof(
  value.map((v) => `<is><t>${v}</t></is>`),
  fc.constantFrom('<is><t xml:space="preserve"> Nur </t></is>', '<is><t/></is>', '<is></is>', '<is><t>a</t><t>b</t></is>', '<t>loose</t>'),
);
const rareBody = fc.constantFrom(
  '<is><r><t>rich</t></r></is>',
  '<is><t>Nur</t><rPh sb="0" eb="1"><t>ヌ</t></rPh></is>',
  '<v><![CDATA[5]]></v>',
  '<v>1</v><!-- note -->',
  '<x:v>1</x:v>',
  '<v>a<b</v>',
  '<v >2</v >',
  '<extLst/>',
  '<v>1</v',
);
const valueBody = fc
  .record({
    f: fc.option(formula),
    v: fc.option(fc.oneof(value.map((v) => `<v>${v}</v>`), fc.constantFrom('<v/>', '<v xml:space="preserve"> 4</v>'))),
    vFirst: fc.boolean(),
    space: fc.constantFrom('', '', '\n  '),
  })
  .map(({ f, v, vFirst, space }) => (vFirst ? [v, f] : [f, v]).map((part) => (part ? space + part : '')).join('') + space);
const attribute = (name: string, text: fc.Arbitrary<string>) => fc.option(text.map((t) => ` ${name}="${t}"`), { nil: '' });
const anyType = attribute('t', fc.constantFrom('s', 's', 'n', 'b', 'd', 'e', 'str', 'inlineStr', 'x', 'S'));
/** A cell's t attribute with its content: an inline string is mostly, not always, typed as one. */
const typedBody = fc.oneof(
  { arbitrary: fc.tuple(anyType, valueBody), weight: 60 },
  { arbitrary: fc.tuple(odd(fc.constant(' t="inlineStr"'), anyType, 4), inlineBody), weight: 20 },
  { arbitrary: fc.tuple(anyType, rareBody), weight: 1 },
);
const cell = fc
  .tuple(
    typedBody,
    attribute('r', ref),
    attribute('s', fc.constantFrom('0', '1', '2', '3', '03', '1.5', '', '-1')),
    fc.constantFrom('', '', ' cm="1"', ' x14ac:dyDescent="0.25"'),
    odd(fc.constant(''), fc.constantFrom(" r='C7'", ' t = "s"', ' s="1 "', ' t="&#115;"', ' r="A1" r="B1"', ' foo=" r=\'D1\'"', ' r=B2', '\u00a0s="1"'), 80),
    fc.boolean(),
    odd(fc.constant(''), fc.constant('x:'), 80),
  )
  .chain(([[type, body], r, s, extra, oddity, closed, prefix]) =>
    fc.shuffledSubarray([type, r, s, extra, oddity], { minLength: 5 }).map((attrs) => {
      const tag = `${prefix}c${attrs.join('')}`;
      return closed && body === '' ? `<${tag}/>` : `<${tag}>${body}</${prefix}c>`;
    }),
  );
const rowNumber = odd(fc.integer({ min: 1, max: 30 }).map(String), fc.constantFrom('0', '', 'abc', '1e1', '65536', '1048577', '4294967297'), 15);
const row = fc
  .record({ r: fc.option(rowNumber), cells: fc.array(cell, { maxLength: 6 }), selfClosing: odd(fc.constant(false), fc.constant(true), 10), space: fc.constantFrom('', '\n') })
  .map(({ r, cells, selfClosing, space }) => {
    const open = `<row${r === null ? '' : ` r="${r}"`} spans="1:6"`;
    return space + (selfClosing && cells.length === 0 ? `${open}/>` : `${open}>${cells.join('')}</row>`);
  });
const merge = fc.tuple(column, fc.integer({ min: 1, max: 12 }), column, fc.integer({ min: 1, max: 40 })).map(([a, r1, b, r2]) => `<mergeCell ref="${a}${r1}:${b}${r2}"/>`);
const sheet = fc
  .record({
    rows: fc.array(row, { maxLength: 12 }),
    merges: fc.array(merge, { maxLength: 4 }),
    before: odd(fc.constant('<dimension ref="A1:F9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'), fc.constantFrom('<!-- <sheetData> -->', '<row r="3"><c><v>1</v></c></row>', '<mergeCell ref="A1:A3"/>', '<rPh>', '<rPh/>'), 10),
    after: odd(fc.constant('<pageMargins left="0.7" right="0.7"/>'), fc.constantFrom('<extLst><c r="A1"><v>9</v></c></extLst>', '<sheetData><row><c t="s"><v>0</v></c></row></sheetData>', '<row/>'), 10),
    empty: odd(fc.constant(false), fc.constant(true), 10),
  })
  .map(({ rows, merges, before, after, empty }) => {
    const data = empty && rows.length === 0 ? '<sheetData/>' : `<sheetData>${rows.join('')}</sheetData>`;
    const mergeCells = merges.length ? `<mergeCells count="${merges.length}">${merges.join('')}</mergeCells>` : '';
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${before}${data}${mergeCells}${after}</worksheet>`;
  });
/** Now and then a budget small enough to run out, mostly the real one. */
const parts = fc.record({ date1904: fc.boolean(), limit: odd(fc.constant(undefined), fc.integer({ min: 0, max: 60 }), 3) });

describe('the fast sheet reader', () => {
  it('reads every sheet it does not give up on exactly as the generic reader does', () => {
    let fast = 0;
    let gaveUp = 0;
    fc.assert(
      fc.property(sheet, parts, (xml, { date1904, limit }) => {
        const common = { sharedStrings: SHARED, dateStyles: new Set([1, 3]), date1904 };
        const generic = outcome((p) => readAnySheetXml(xml, p), common, limit);
        const quick = outcome((p) => readCommonSheetXml(xml, p), common, limit);
        if (quick === null) gaveUp++;
        else fast++;
        if (quick !== null) expect(quick).toEqual(generic);
        expect(outcome((p) => readSheetXml(xml, p), common, limit)).toEqual(generic);
      }),
      propertyRuns(600),
    );
    // Not a vacuous pass: most sheets take the fast way, and the odd ones are there to give up on.
    expect(fast).toBeGreaterThan(gaveUp);
    expect(gaveUp).toBeGreaterThan(0);
  });

  it('takes the sheets Excel, LibreOffice and openpyxl write, formulas and shared strings included', () => {
    const xml = `<worksheet ${NS}><sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/><c r="C1" s="3"><v>45433.75</v></c></row><row r="2"><c r="A2"><f>ROW()-1</f><v>1</v></c><c r="B2" t="str"><f>""</f><v></v></c><c r="C2" t="b"><v>1</v></c><c r="D2"><f>A2*2</f><v></v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells></worksheet>`;
    const read = readCommonSheetXml(xml, { sharedStrings: SHARED, dateStyles: new Set([3]), date1904: false, budget: new CellBudget() });
    expect(read).toEqual({
      rows: [
        ['NAMA', null, '2024-05-21'],
        ['NAMA', null, 'TRUE'],
      ],
      unsaved: [{ row: 2, col: 3, formula: 'A2*2', error: null }],
    });
  });

  it('gives up on prefixed tags and rich text', () => {
    const parts = { sharedStrings: SHARED, dateStyles: new Set<number>(), date1904: false, budget: new CellBudget() };
    expect(readCommonSheetXml('<x:worksheet><x:sheetData><x:row><x:c><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>', parts)).toBeNull();
    expect(readCommonSheetXml('<worksheet><sheetData><row><c t="inlineStr"><is><r><t>x</t></r></is></c></row></sheetData></worksheet>', parts)).toBeNull();
  });
});
