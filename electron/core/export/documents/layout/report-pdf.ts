import PDFDocument from 'pdfkit';
import { type FontName, registerFonts } from './fonts';
import { type Cell, type Column, drawGrid, type GridOptions } from './grid';
import { BODY, MM, RULE } from './measures';
import { Pages } from './pages';
import { type Align, type Line, type Text, Typesetter, visibleWidth } from './text';

/** A signatory's block: the lines above the space left to sign in, and those below it. */
export interface Signer {
  above: Text[];
  below: Text[];
}

const TITLE = 12;
const HEADING = 10.5;
const FOOTER = 7.5;
/** Where a bulleted item's text starts; the bullet sits halfway. */
const BULLET_INDENT = 8 * MM;

/**
 * A report on A4 with the Dinas's letterhead, written top to bottom block by block; grid rows and
 * signature blocks never split across pages, and the pages are numbered when it is finished.
 */
export class ReportPdf {
  private readonly doc: PDFKit.PDFDocument;
  private readonly text: Typesetter;
  private readonly pages: Pages;
  private readonly done: Promise<Uint8Array>;

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
    registerFonts(this.doc);
    const chunks: Uint8Array[] = [];
    this.doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
      this.doc.on('error', reject);
    });
    this.text = new Typesetter(this.doc);
    this.pages = new Pages(this.doc, this.text);
  }

  /** Each kabupaten/kota starts a page of its own. */
  section(): void {
    this.pages.section();
  }

  /** The letterhead (kop) of the Dinas, as on its printed forms: two bold lines over a double rule. */
  kop(): void {
    const { pages } = this;
    pages.ensure(20 * MM);
    pages.writeLines(this.text.wrap('PEMERINTAH PROVINSI KALIMANTAN SELATAN', pages.width, BODY, 'bold'), { align: 'center' });
    pages.writeLines(this.text.wrap('DINAS KOPERASI DAN USAHA KECIL MENENGAH', pages.width, 11, 'bold'), { align: 'center', size: 11 });
    pages.y += 1 * MM;
    this.doc.lineWidth(RULE);
    for (const offset of [0, 2 * RULE]) this.doc.moveTo(pages.left, pages.y + offset).lineTo(pages.left + pages.width, pages.y + offset);
    this.doc.stroke();
    pages.y += 3 * RULE + 4 * MM;
  }

  title(text: string): void {
    this.pages.writeLines(this.text.wrap(text, this.pages.width, TITLE, 'bold'), { align: 'center', size: TITLE });
    this.pages.y += 1 * MM;
  }

  /** The centred line under a title: a document number, the event and date. */
  subtitle(text: string): void {
    this.pages.writeLines(this.text.wrap(text, this.pages.width, BODY), { align: 'center' });
    this.pages.y += 3 * MM;
  }

  /** A heading kept with at least three lines of what follows it. */
  heading(text: string): void {
    const lines = this.text.wrap(text, this.pages.width, HEADING, 'bold');
    this.pages.y += 4 * MM;
    this.pages.ensure(lines.length * this.text.lineHeight(HEADING) + 1 * MM + 3 * this.text.lineHeight(BODY));
    this.pages.writeLines(lines, { size: HEADING });
    this.pages.y += 1 * MM;
  }

  paragraph(text: Text, align: Align = 'left'): void {
    this.pages.writeLines(this.text.wrap(text, this.pages.width, BODY), { align });
    this.pages.y += BODY;
  }

  /** Labels and values ("Kegiatan | : …"): every column but the last as wide as its widest entry, the last one wrapping. */
  info(rows: Text[][]): void {
    const { pages, text } = this;
    const lh = text.lineHeight(BODY);
    const pad = 0.3 * MM;
    const widths: number[] = [];
    for (const row of rows) {
      row.slice(0, -1).forEach((cell, i) => {
        const w = text.wrap(cell, Infinity, BODY).reduce((max, l) => Math.max(max, visibleWidth(l)), 0) + 2 * MM;
        widths[i] = Math.max(widths[i] ?? 0, w);
      });
    }
    for (const row of rows) {
      let x = pages.left;
      const cells = row.map((cell, i) => {
        const w = i < row.length - 1 ? widths[i]! : pages.left + pages.width - x;
        const laid = { x, w, lines: text.wrap(cell, i < row.length - 1 ? w - 2 * MM : w, BODY) };
        x += w;
        return laid;
      });
      const height = Math.max(...cells.map((c) => c.lines.length)) * lh + 2 * pad;
      pages.ensure(height);
      for (const cell of cells) cell.lines.forEach((line, i) => text.drawLine(line, cell.x, pages.y + pad + i * lh, cell.w, 'left', BODY));
      pages.y += height;
    }
    pages.y += BODY;
  }

  /** Bulleted items, each wrapping under its own first word. */
  bullets(items: Text[]): void {
    for (const item of items) this.bulleted(this.text.wrap(item, this.pages.width - BULLET_INDENT, BODY), this.pages.left, this.pages.width, 'regular');
    this.pages.y += BODY;
  }

  /** A statement and its items, bold in a ruled box, moved whole to the next page when it does not fit. */
  warning(statement: string, items: string[]): void {
    const { pages, text } = this;
    const pad = 2 * MM;
    const inner = pages.width - 2 * pad;
    const head = text.wrap(statement, inner, BODY, 'bold');
    const body = items.map((item) => text.wrap(item, inner - BULLET_INDENT, BODY, 'bold'));
    pages.ensure((head.length + body.flat().length) * text.lineHeight(BODY) + BODY / 2 + 2 * pad);
    let from = pages.y;
    const rule = () => this.doc.lineWidth(0.5 * MM).rect(pages.left, from, pages.width, pages.y + pad - from).stroke();
    const reopen = () => {
      from = pages.y;
      pages.y += pad;
    };
    pages.insideBox({ close: rule, reopen }, () => {
      pages.y += pad;
      pages.writeLines(head, { x: pages.left + pad, width: inner });
      pages.y += BODY / 2;
      for (const lines of body) this.bulleted(lines, pages.left + pad, inner, 'bold');
      rule();
    });
    pages.y += pad + BODY;
  }

  /** One item of a list in a column at `x`, `width` wide: the bullet, then its lines, wrapped to the indented width. */
  private bulleted(lines: Line[], x: number, width: number, font: FontName): void {
    this.pages.ensure(this.text.lineHeight(BODY));
    this.text.drawLine(this.text.wrap('•', BULLET_INDENT, BODY, font)[0]!, x + BULLET_INDENT / 2, this.pages.y, BULLET_INDENT, 'left', BODY);
    this.pages.writeLines(lines, { x: x + BULLET_INDENT, width: width - BULLET_INDENT });
  }

  /** See `drawGrid`; `minRowHeight` leaves room to sign by hand, `totals` is a last row in bold. */
  table(columns: Column[], rows: Cell[][], options: GridOptions = {}): void {
    drawGrid(this.pages, columns, rows, options);
  }

  /** Signatory blocks side by side, left and right, each kept whole. */
  signers(left: Signer | null, right: Signer | null): void {
    const { pages, text } = this;
    const lh = text.lineHeight(BODY);
    const blockWidth = 0.45 * pages.width;
    const space = 18 * MM;
    const lay = (s: Signer | null) => s && { above: s.above.flatMap((t) => text.wrap(t, blockWidth, BODY)), below: s.below.flatMap((t) => text.wrap(t, blockWidth, BODY)) };
    const blocks = [lay(left), lay(right)] as const;
    const height = Math.max(...blocks.map((b) => (b ? (b.above.length + b.below.length) * lh + space : 0)));
    pages.y += 6 * MM;
    pages.ensure(height);
    blocks.forEach((block, i) => {
      if (!block) return;
      const x = i === 0 ? pages.left : pages.left + pages.width - blockWidth;
      block.above.forEach((line, n) => text.drawLine(line, x, pages.y + n * lh, blockWidth, 'center', BODY));
      const below = pages.y + block.above.length * lh + space;
      block.below.forEach((line, n) => text.drawLine(line, x, below + n * lh, blockWidth, 'center', BODY));
    });
    pages.y += height;
  }

  /** Numbers every page ("Halaman 2 dari 5") and returns the finished file. */
  finish(): Promise<Uint8Array> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = 0; i < count; i++) {
      this.doc.switchToPage(start + i);
      const footer = this.text.wrap(`Halaman ${i + 1} dari ${count}`, this.pages.width, FOOTER)[0]!;
      this.text.drawLine(footer, this.pages.left, this.doc.page.height - 10 * MM, this.pages.width, 'center', FOOTER);
    }
    this.doc.end();
    return this.done;
  }
}
