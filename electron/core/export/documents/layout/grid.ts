import type { FontName } from './fonts';
import { BODY, MM, RULE } from './measures';
import type { Pages } from './pages';
import { type Align, type Line, SLACK } from './text';

/** One grid column. Without a width the column shares what the fixed and fitted columns leave. */
export interface Column {
  header: string;
  /** Millimetres, or 'fit': as wide as its widest value on one line. */
  width?: number | 'fit';
  align?: Align;
  font?: FontName;
  /** Identifiers (NIB, phone, certificate numbers) never break: one too wide is set smaller instead. */
  keep?: boolean;
}

/** A grid cell: text, text aligned its own way, or a signature drawn at the desk. */
export type Cell = string | { text: string; align: Align } | { signature: string | null };

export interface GridOptions {
  /** Text size in points. */
  size?: number;
  /** Millimetres: room to sign by hand. */
  minRowHeight?: number;
  /** A last row, in bold. */
  totals?: Cell[];
}

const CELL_PAD = 1 * MM;
/** A signature is stored in a 1000×400 box; in a grid cell it is drawn 26 × 10 mm. */
const SIGNATURE = { box: { w: 1000, h: 400 }, w: 26 * MM, h: 10 * MM, stroke: 14 };

type LaidCell = { lines: Line[]; size: number; align: Align } | { signature: string | null };
interface LaidRow {
  cells: LaidCell[];
  height: number;
}

/**
 * A ruled grid at the cursor: the header row on every page it runs over, rows never split, numbers
 * aligned right, identifiers kept whole.
 */
export function drawGrid(pages: Pages, columns: Column[], rows: Cell[][], options: GridOptions = {}): void {
  const { doc, text } = pages;
  const size = options.size ?? BODY;
  const lh = text.lineHeight(size);
  const widths = columnWidths(pages, columns, rows, size);
  const xs = widths.reduce<number[]>((acc, w) => [...acc, acc.at(-1)! + w], [pages.left]);
  const min = (options.minRowHeight ?? 0) * MM;

  const layRow = (cells: Cell[], role: 'header' | 'body' | 'totals'): LaidRow => {
    const laid = cells.map((cell, i): LaidCell => {
      const column = columns[i]!;
      const inner = widths[i]! - 2 * CELL_PAD;
      if (typeof cell === 'object' && 'signature' in cell) return cell;
      const value = typeof cell === 'string' ? cell : cell.text;
      const align = role === 'header' ? 'center' : typeof cell === 'string' ? (column.align ?? 'left') : cell.align;
      const face = role === 'body' ? (column.font ?? 'regular') : 'bold';
      if (column.keep && role !== 'header') {
        const natural = text.measure(value, face, size);
        const fitted = natural > inner + SLACK ? (size * inner) / natural : size;
        return { lines: text.wrap(value, Infinity, fitted, face, true), size: fitted, align };
      }
      return { lines: text.wrap(value, inner, size, face), size, align };
    });
    const content = Math.max(lh, ...laid.map((c) => ('signature' in c ? SIGNATURE.h : c.lines.length * lh)));
    return { cells: laid, height: Math.max(min, content + 2 * CELL_PAD) };
  };

  const drawRow = (row: LaidRow, shaded: boolean) => {
    const { y } = pages;
    const total = xs.at(-1)! - pages.left;
    if (shaded) doc.rect(pages.left, y, total, row.height).fill('#eeeeee').fillColor('black');
    doc.lineWidth(RULE).rect(pages.left, y, total, row.height);
    for (const x of xs.slice(1, -1)) doc.moveTo(x, y).lineTo(x, y + row.height);
    doc.stroke();
    row.cells.forEach((cell, i) => {
      const x = xs[i]! + CELL_PAD;
      const inner = widths[i]! - 2 * CELL_PAD;
      if ('signature' in cell) {
        if (cell.signature) drawSignature(doc, cell.signature, x, y + CELL_PAD, inner);
        return;
      }
      const clh = text.lineHeight(cell.size);
      cell.lines.forEach((line, n) => text.drawLine(line, x, y + CELL_PAD + n * clh, inner, cell.align, cell.size));
    });
    pages.y += row.height;
  };

  const header = layRow(columns.map((c) => c.header), 'header');
  const body = rows.map((cells) => layRow(cells, 'body'));
  if (options.totals) body.push(layRow(options.totals, 'totals'));

  pages.y += 2 * MM;
  pages.ensure(header.height + (body[0]?.height ?? 0));
  drawRow(header, true);
  for (const row of body) {
    if (pages.ensure(row.height)) drawRow(header, true);
    drawRow(row, false);
  }
  pages.y += 2 * MM;
}

/**
 * Fixed columns as given, fitted ones as wide as their widest value, the rest sharing what is
 * left (at least 15 mm each); no column narrower than its header's longest word.
 */
function columnWidths(pages: Pages, columns: Column[], rows: Cell[][], size: number): number[] {
  const { text } = pages;
  const headerWord = (c: Column) => Math.max(...c.header.split(' ').map((word) => text.measure(word, 'bold', size))) + 2 * CELL_PAD;
  const natural = (i: number) => {
    const column = columns[i]!;
    let max = 0;
    for (const row of rows) {
      const cell = row[i];
      if (typeof cell === 'string') max = Math.max(max, text.measure(cell, column.font ?? 'regular', size));
    }
    return max + 2 * CELL_PAD;
  };
  const widths = columns.map((c, i) => (c.width === undefined ? null : Math.max(headerWord(c), c.width === 'fit' ? natural(i) : c.width * MM)));
  const shared = widths.filter((w) => w === null).length;
  const fixed = columns.reduce((sum, c, i) => sum + (typeof c.width === 'number' ? widths[i]! : 0), 0);
  const fitted = columns.reduce((sum, c, i) => sum + (c.width === 'fit' ? widths[i]! : 0), 0);
  const room = pages.width - fixed - shared * 15 * MM;
  const shrink = fitted > room && fitted > 0 ? Math.max(room, 0) / fitted : 1;
  const sized = columns.map((c, i) => (c.width === 'fit' ? widths[i]! * shrink : widths[i]));
  const left = pages.width - sized.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  return sized.map((w) => w ?? left / shared);
}

/** A signature drawn at the desk (an SVG path in a 1000×400 box), scaled into the box at (x, y), centred as SVG would. */
function drawSignature(doc: PDFKit.PDFDocument, path: string, x: number, y: number, width: number): void {
  const w = Math.min(width, SIGNATURE.w);
  const scale = Math.min(w / SIGNATURE.box.w, SIGNATURE.h / SIGNATURE.box.h);
  const dx = x + (w - SIGNATURE.box.w * scale) / 2;
  const dy = y + (SIGNATURE.h - SIGNATURE.box.h * scale) / 2;
  // The stroke width is in the box's units, as the receipt's SVG draws it; set before the path, as PDF requires.
  doc.save().translate(dx, dy).scale(scale).lineWidth(SIGNATURE.stroke).lineCap('round').lineJoin('round');
  doc.path(path).stroke();
  doc.restore();
}
