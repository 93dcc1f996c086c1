import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Signatory } from '../../../../shared/events';

/** PDF points per millimetre. */
const MM = 72 / 25.4;

export type FontName = 'regular' | 'bold' | 'mono';
export type Align = 'left' | 'center' | 'right';

/** A stretch of text in one face; a paragraph is a list of them. */
export interface Run {
  text: string;
  font?: FontName;
  underline?: boolean;
}
export type Text = string | Run[];

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

/** A signatory's block: the lines above the space left to sign in, and those below it. */
export interface Signer {
  above: Text[];
  below: Text[];
}

const FONT_FILES: Record<FontName, string> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', mono: 'DejaVuSansMono.ttf' };
const FONTS = Object.keys(FONT_FILES) as FontName[];

let parsed: Record<FontName, fontkit.Font> | null = null;

/**
 * Parsed once per process: reading a face's layout tables costs 20–40 ms, for every document
 * that would parse it anew. pdfkit writes only the glyphs each document uses (a subset).
 */
function fonts(): Record<FontName, fontkit.Font> {
  if (!parsed) {
    const require = createRequire(import.meta.url);
    const load = (name: FontName) => {
      const font = fontkit.create(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${FONT_FILES[name]}`)));
      if (!('layout' in font)) throw new Error(`${FONT_FILES[name]} is a font collection`);
      return font;
    };
    parsed = { regular: load('regular'), bold: load('bold'), mono: load('mono') };
  }
  return parsed;
}

const BODY = 9;
const SMALL = 7.5;
const CELL_PAD = 1 * MM;
const RULE = 0.2 * MM;
/** A signature is stored in a 1000×400 box; in a grid cell it is drawn 26 × 10 mm. */
const SIGNATURE = { box: { w: 1000, h: 400 }, w: 26 * MM, h: 10 * MM, stroke: 14 };

/**
 * A word as drawn, with the space that follows it: pdfkit shapes text in such chunks and caches
 * them per document, so measuring the same chunks shapes each word once, not twice.
 */
interface Piece {
  text: string;
  font: FontName;
  underline: boolean;
  /** Including the trailing space. */
  width: number;
  /** The trailing space's width, 0 if none. */
  trail: number;
}

interface Line {
  pieces: Piece[];
  /** Including the last piece's trailing space: see `visible`. */
  width: number;
}

/** Columns are sized to a word's exact width, which adding and taking away padding misses by a rounding error. */
const SLACK = 0.01;

const visible = (line: Line) => line.width - (line.pieces.at(-1)?.trail ?? 0);

interface Token {
  text: string;
  font: FontName;
  underline: boolean;
  /** A space follows it. */
  space: boolean;
}

const NEWLINE = null;

/** The text's words; a break is also allowed after '/' and '-' unless `keep`. */
function tokens(text: Text, font: FontName, keep: boolean): (Token | typeof NEWLINE)[] {
  const runs = typeof text === 'string' ? [{ text }] : text;
  const out: (Token | typeof NEWLINE)[] = [];
  for (const run of runs) {
    const face = run.font ?? font;
    const underline = run.underline ?? false;
    for (const match of run.text.matchAll(/\n|[^\S\n]+|[^\s]+/g)) {
      const part = match[0];
      const last = out.at(-1);
      if (part === '\n') out.push(NEWLINE);
      else if (/^\s/.test(part)) {
        if (last) last.space = true;
      } else for (const piece of keep ? [part] : part.split(/(?<=[/-])(?=.)/)) out.push({ text: piece, font: face, underline, space: false });
    }
  }
  return out;
}

/**
 * A report laid out on A4 with the Dinas's letterhead: the writer keeps a cursor, breaks pages
 * itself (grid rows and signature blocks never split, grid headers repeat) and numbers the pages
 * at the end. Text is wrapped here rather than by pdfkit: its line wrapper costs several times
 * more, and would add pages on its own.
 */
export class ReportPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly done: Promise<Uint8Array>;
  private y: number;
  private fresh = true;
  /** Set while a ruled box is open, so a page break closes it on one page and reopens it on the next. */
  private box: { close(): void; reopen(): void } | null = null;

  constructor(options: { title: string; stamp: Date; landscape?: boolean }) {
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.landscape ? 'landscape' : 'portrait',
      margins: { top: 14 * MM, bottom: 14 * MM, left: 12 * MM, right: 12 * MM },
      bufferPages: true,
      lang: 'id',
      displayTitle: true,
      // The export's stamp, never the clock: the /ID pdfkit derives from these makes equal documents equal bytes.
      info: { Title: options.title, Creator: 'Loket', CreationDate: options.stamp, ModDate: options.stamp },
    });
    for (const name of FONTS) {
      // pdfkit takes a parsed fontkit font as well as bytes (PDFFontFactory.open); its types list bytes only.
      this.doc.registerFont(name, fonts()[name] as unknown as Buffer);
    }
    const chunks: Uint8Array[] = [];
    this.doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      this.doc.on('error', reject);
    });
    this.y = this.top;
  }

  private get top(): number {
    return this.doc.page.margins.top;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private newPage(): void {
    this.box?.close();
    this.doc.addPage();
    this.y = this.top;
    this.fresh = true;
    this.box?.reopen();
  }

  /** Start a new page unless `height` fits below the cursor (or the page is still empty). */
  private ensure(height: number): void {
    if (this.y + height > this.bottom && !this.fresh) this.newPage();
    this.fresh = false;
  }

  /** Each kabupaten/kota starts a page of its own. */
  section(): void {
    if (!this.fresh) this.newPage();
  }

  private measure(text: string, font: FontName, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }

  private lineHeight(size: number): number {
    return this.doc.font('regular').fontSize(size).currentLineHeight(true);
  }

  /** Greedy wrapping into `width`; a word longer than a line is cut between characters. */
  private wrap(text: Text, width: number, size: number, font: FontName = 'regular', keep = false): Line[] {
    const lines: Line[] = [];
    let line: Line = { pieces: [], width: 0 };
    const end = () => {
      lines.push(line);
      line = { pieces: [], width: 0 };
    };
    const add = (token: Token, text: string, w: number, trail: number) => {
      line.pieces.push({ text, font: token.font, underline: token.underline, width: w, trail });
      line.width += w;
    };
    for (const token of tokens(text, font, keep)) {
      if (token === NEWLINE) {
        end();
        continue;
      }
      const trail = token.space ? this.measure(' ', token.font, size) : 0;
      const w = this.measure(token.space ? `${token.text} ` : token.text, token.font, size);
      if (line.pieces.length > 0 && line.width + w - trail > width + SLACK) end();
      if (w - trail <= width + SLACK || keep) {
        add(token, token.space ? `${token.text} ` : token.text, w, trail);
        continue;
      }
      let part = '';
      let partWidth = 0;
      for (const ch of token.text) {
        const cw = this.measure(ch, token.font, size);
        if (part && line.width + partWidth + cw > width + SLACK) {
          add(token, part, partWidth, 0);
          end();
          part = '';
          partWidth = 0;
        }
        part += ch;
        partWidth += cw;
      }
      add(token, token.space ? `${part} ` : part, partWidth + trail, trail);
    }
    if (line.pieces.length > 0 || lines.length === 0) end();
    return lines;
  }

  /** One line at (x, y) in a box `width` wide; pieces in the same face are drawn as one string. */
  private drawLine(line: Line, x: number, y: number, width: number, align: Align, size: number): void {
    const w = visible(line);
    let at = align === 'right' ? x + width - w : align === 'center' ? x + (width - w) / 2 : x;
    let text = '';
    let start = at;
    let face: Piece | null = null;
    const flush = () => {
      if (face && text) this.doc.font(face.font).fontSize(size).text(text, start, y, { lineBreak: false, underline: face.underline });
    };
    for (const piece of line.pieces) {
      if (face && face.font === piece.font && face.underline === piece.underline) text += piece.text;
      else {
        flush();
        face = piece;
        start = at;
        text = piece.text;
      }
      at += piece.width;
    }
    flush();
  }

  /** Lines flowing down the page, breaking between lines where the page ends. */
  private flow(lines: Line[], options: { x?: number; width?: number; align?: Align; size?: number } = {}): void {
    const size = options.size ?? BODY;
    const lh = this.lineHeight(size);
    for (const line of lines) {
      this.ensure(lh);
      this.drawLine(line, options.x ?? this.left, this.y, options.width ?? this.width, options.align ?? 'left', size);
      this.y += lh;
    }
  }

  /** The letterhead (kop) of the Dinas, as on its printed forms: two bold lines over a double rule. */
  kop(): void {
    this.ensure(20 * MM);
    this.flow(this.wrap('PEMERINTAH PROVINSI KALIMANTAN SELATAN', this.width, BODY, 'bold'), { align: 'center' });
    this.flow(this.wrap('DINAS KOPERASI DAN USAHA KECIL MENENGAH', this.width, 11, 'bold'), { align: 'center', size: 11 });
    this.y += 1 * MM;
    this.doc.lineWidth(RULE);
    for (const offset of [0, 2 * RULE]) this.doc.moveTo(this.left, this.y + offset).lineTo(this.left + this.width, this.y + offset);
    this.doc.stroke();
    this.y += 3 * RULE + 4 * MM;
  }

  title(text: string): void {
    this.flow(this.wrap(text, this.width, 12, 'bold'), { align: 'center', size: 12 });
    this.y += 1 * MM;
  }

  /** The centred line under a title: a document number, the event and date. */
  subtitle(text: string): void {
    this.flow(this.wrap(text, this.width, BODY), { align: 'center' });
    this.y += 3 * MM;
  }

  /** A heading kept with at least three lines of what follows it. */
  heading(text: string): void {
    const lines = this.wrap(text, this.width, 10.5, 'bold');
    this.y += 4 * MM;
    this.ensure(lines.length * this.lineHeight(10.5) + 1 * MM + 3 * this.lineHeight(BODY));
    this.flow(lines, { size: 10.5 });
    this.y += 1 * MM;
  }

  paragraph(text: Text, align: Align = 'left'): void {
    this.flow(this.wrap(text, this.width, BODY), { align });
    this.y += BODY;
  }

  /** Labels and values ("Kegiatan | : …"): every column but the last as wide as its widest entry, the last one wrapping. */
  info(rows: Text[][]): void {
    const lh = this.lineHeight(BODY);
    const pad = 0.3 * MM;
    const widths: number[] = [];
    for (const row of rows) {
      row.slice(0, -1).forEach((cell, i) => {
        const w = this.wrap(cell, Infinity, BODY).reduce((max, l) => Math.max(max, visible(l)), 0) + 2 * MM;
        widths[i] = Math.max(widths[i] ?? 0, w);
      });
    }
    for (const row of rows) {
      let x = this.left;
      const cells = row.map((cell, i) => {
        const w = i < row.length - 1 ? widths[i]! : this.left + this.width - x;
        const laid = { x, w, lines: this.wrap(cell, i < row.length - 1 ? w - 2 * MM : w, BODY) };
        x += w;
        return laid;
      });
      const height = Math.max(...cells.map((c) => c.lines.length)) * lh + 2 * pad;
      this.ensure(height);
      for (const cell of cells) cell.lines.forEach((line, i) => this.drawLine(line, cell.x, this.y + pad + i * lh, cell.w, 'left', BODY));
      this.y += height;
    }
    this.y += BODY;
  }

  /** Bulleted items, each wrapping under its own first word. */
  bullets(items: Text[]): void {
    const indent = 8 * MM;
    for (const item of items) {
      const lines = this.wrap(item, this.width - indent, BODY);
      this.ensure(this.lineHeight(BODY));
      this.drawLine(this.wrap('•', indent, BODY)[0]!, this.left + 4 * MM, this.y, indent, 'left', BODY);
      this.flow(lines, { x: this.left + indent, width: this.width - indent });
    }
    this.y += BODY;
  }

  /** A statement and its items, bold in a ruled box, moved whole to the next page when it does not fit. */
  warning(statement: string, items: string[]): void {
    const pad = 2 * MM;
    const indent = 8 * MM;
    const inner = this.width - 2 * pad;
    const head = this.wrap(statement, inner, BODY, 'bold');
    const body = items.map((item) => this.wrap(item, inner - indent, BODY, 'bold'));
    this.ensure((head.length + body.flat().length) * this.lineHeight(BODY) + BODY / 2 + 2 * pad);
    let from = this.y;
    const rule = () => this.doc.lineWidth(0.5 * MM).rect(this.left, from, this.width, this.y + pad - from).stroke();
    this.box = {
      close: rule,
      reopen: () => {
        from = this.y;
        this.y += pad;
      },
    };
    try {
      this.y += pad;
      this.flow(head, { x: this.left + pad, width: inner });
      this.y += BODY / 2;
      for (const lines of body) {
        this.ensure(this.lineHeight(BODY));
        this.drawLine(this.wrap('•', indent, BODY, 'bold')[0]!, this.left + pad + 4 * MM, this.y, indent, 'left', BODY);
        this.flow(lines, { x: this.left + pad + indent, width: inner - indent });
      }
      rule();
    } finally {
      this.box = null;
    }
    this.y += pad + BODY;
  }

  /**
   * A ruled grid: the header row on every page it runs over, rows never split, numbers aligned
   * right, identifiers kept whole. `minRowHeight` (mm) leaves room to sign by hand; `totals` is a
   * last row in bold.
   */
  table(columns: Column[], rows: Cell[][], options: { size?: number; minRowHeight?: number; totals?: Cell[] } = {}): void {
    const size = options.size ?? BODY;
    const lh = this.lineHeight(size);
    const widths = this.columnWidths(columns, rows, size);
    const xs = widths.reduce<number[]>((acc, w) => [...acc, acc.at(-1)! + w], [this.left]);
    const min = (options.minRowHeight ?? 0) * MM;

    type Laid = { lines: Line[]; size: number; align: Align } | { signature: string | null };
    const layRow = (cells: Cell[], font: FontName, header: boolean) => {
      const laid: Laid[] = cells.map((cell, i) => {
        const column = columns[i]!;
        const inner = widths[i]! - 2 * CELL_PAD;
        if (typeof cell === 'object' && 'signature' in cell) return cell;
        const text = typeof cell === 'string' ? cell : cell.text;
        const align = header ? 'center' : typeof cell === 'string' ? (column.align ?? 'left') : cell.align;
        const face = header ? font : font === 'bold' ? 'bold' : (column.font ?? font);
        if (column.keep && !header) {
          const natural = this.measure(text, face, size);
          const fitted = natural > inner + SLACK ? (size * inner) / natural : size;
          return { lines: this.wrap(text, Infinity, fitted, face, true), size: fitted, align };
        }
        return { lines: this.wrap(text, inner, size, face), size, align };
      });
      const content = Math.max(lh, ...laid.map((c) => ('signature' in c ? SIGNATURE.h : c.lines.length * lh)));
      return { laid, height: Math.max(min, content + 2 * CELL_PAD) };
    };

    const drawRow = (row: ReturnType<typeof layRow>, shaded: boolean) => {
      const { y } = this;
      const total = xs.at(-1)! - this.left;
      if (shaded) this.doc.rect(this.left, y, total, row.height).fill('#eeeeee').fillColor('black');
      this.doc.lineWidth(RULE).rect(this.left, y, total, row.height);
      for (const x of xs.slice(1, -1)) this.doc.moveTo(x, y).lineTo(x, y + row.height);
      this.doc.stroke();
      row.laid.forEach((cell, i) => {
        const x = xs[i]! + CELL_PAD;
        const inner = widths[i]! - 2 * CELL_PAD;
        if ('signature' in cell) {
          if (cell.signature) this.signature(cell.signature, x, y + CELL_PAD, inner);
          return;
        }
        const clh = this.lineHeight(cell.size);
        cell.lines.forEach((line, n) => this.drawLine(line, x, y + CELL_PAD + n * clh, inner, cell.align, cell.size));
      });
      this.y += row.height;
    };

    const header = layRow(
      columns.map((c) => c.header),
      'bold',
      true,
    );
    const body = rows.map((cells) => layRow(cells, 'regular', false));
    if (options.totals) body.push(layRow(options.totals, 'bold', false));

    this.y += 2 * MM;
    this.ensure(header.height + (body[0]?.height ?? 0));
    drawRow(header, true);
    for (const row of body) {
      if (this.y + row.height > this.bottom) {
        this.newPage();
        drawRow(header, true);
      }
      drawRow(row, false);
    }
    this.fresh = false;
    this.y += 2 * MM;
  }

  /**
   * Fixed columns as given, fitted ones as wide as their widest value, the rest sharing what is
   * left (at least 15 mm each); no column narrower than its header's longest word.
   */
  private columnWidths(columns: Column[], rows: Cell[][], size: number): number[] {
    const headerWord = (c: Column) => Math.max(...c.header.split(' ').map((word) => this.measure(word, 'bold', size))) + 2 * CELL_PAD;
    const natural = (i: number) => {
      const column = columns[i]!;
      let max = 0;
      for (const row of rows) {
        const cell = row[i];
        if (typeof cell === 'string') max = Math.max(max, this.measure(cell, column.font ?? 'regular', size));
      }
      return max + 2 * CELL_PAD;
    };
    const widths = columns.map((c, i) => (c.width === undefined ? null : Math.max(headerWord(c), c.width === 'fit' ? natural(i) : c.width * MM)));
    const shared = widths.filter((w) => w === null).length;
    const fixed = columns.reduce((sum, c, i) => sum + (typeof c.width === 'number' ? widths[i]! : 0), 0);
    const fitted = columns.reduce((sum, c, i) => sum + (c.width === 'fit' ? widths[i]! : 0), 0);
    const room = this.width - fixed - shared * 15 * MM;
    const shrink = fitted > room && fitted > 0 ? Math.max(room, 0) / fitted : 1;
    const sized = columns.map((c, i) => (c.width === 'fit' ? widths[i]! * shrink : widths[i]));
    const left = this.width - sized.reduce<number>((sum, w) => sum + (w ?? 0), 0);
    return sized.map((w) => w ?? left / shared);
  }

  /** A signature drawn at the desk (an SVG path in a 1000×400 box), scaled into the box at (x, y), centred as SVG would. */
  private signature(path: string, x: number, y: number, width: number): void {
    const w = Math.min(width, SIGNATURE.w);
    const scale = Math.min(w / SIGNATURE.box.w, SIGNATURE.h / SIGNATURE.box.h);
    const dx = x + (w - SIGNATURE.box.w * scale) / 2;
    const dy = y + (SIGNATURE.h - SIGNATURE.box.h * scale) / 2;
    // The stroke width is in the box's units, as the receipt's SVG draws it; set before the path, as PDF requires.
    this.doc.save().translate(dx, dy).scale(scale).lineWidth(SIGNATURE.stroke).lineCap('round').lineJoin('round');
    this.doc.path(path).stroke();
    this.doc.restore();
  }

  /** Signatory blocks side by side, left and right, each kept whole. */
  signers(left: Signer | null, right: Signer | null): void {
    const lh = this.lineHeight(BODY);
    const blockWidth = 0.45 * this.width;
    const space = 18 * MM;
    const lay = (s: Signer | null) => (s ? { above: s.above.flatMap((t) => this.wrap(t, blockWidth, BODY)), below: s.below.flatMap((t) => this.wrap(t, blockWidth, BODY)) } : null);
    const blocks = [lay(left), lay(right)] as const;
    const height = Math.max(...blocks.map((b) => (b ? (b.above.length + b.below.length) * lh + space : 0)));
    this.y += 6 * MM;
    this.ensure(height);
    blocks.forEach((block, i) => {
      if (!block) return;
      const x = i === 0 ? this.left : this.left + this.width - blockWidth;
      block.above.forEach((line, n) => this.drawLine(line, x, this.y + n * lh, blockWidth, 'center', BODY));
      const below = this.y + block.above.length * lh + space;
      block.below.forEach((line, n) => this.drawLine(line, x, below + n * lh, blockWidth, 'center', BODY));
    });
    this.y += height;
  }

  /** Numbers every page ("Halaman 2 dari 5") and returns the finished file. */
  finish(): Promise<Uint8Array> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      this.doc.switchToPage(start + i);
      const footer = this.wrap(`Halaman ${i + 1} dari ${count}`, this.width, SMALL)[0]!;
      this.drawLine(footer, this.left, this.doc.page.height - 10 * MM, this.width, 'center', SMALL);
    }
    this.doc.end();
    return this.done;
  }
}

/** A signatory's block: heading lines, the role (PIHAK PERTAMA) if any, the position, space to sign, the name underlined, the NIP. */
export function signatoryBlock(heading: string[], role: string, s: Signatory): Signer {
  return {
    above: [...heading, ...(role ? [role] : []), s.position],
    below: [[{ text: s.name, font: 'bold', underline: true }], `NIP. ${s.nip}`],
  };
}
