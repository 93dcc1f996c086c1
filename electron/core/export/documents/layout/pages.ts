import { BODY } from './measures';
import type { Align, Line, Typesetter } from './text';

/** A frame drawn around what follows, closed at the foot of a page and reopened at the top of the next. */
interface OpenBox {
  close(): void;
  reopen(): void;
}

/**
 * The pages of one report and the cursor on the current one. Breaking pages is left to the
 * layout, not to pdfkit, so that grid rows and signature blocks are never split.
 */
export class Pages {
  /** Where the next block starts, in points from the top of the page. */
  y: number;
  private empty = true;
  private box: OpenBox | null = null;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly text: Typesetter,
  ) {
    this.y = this.top;
  }

  private get top(): number {
    return this.doc.page.margins.top;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  newPage(): void {
    this.box?.close();
    this.doc.addPage();
    this.y = this.top;
    this.empty = true;
    this.box?.reopen();
  }

  /**
   * Starts a new page unless `height` fits below the cursor or nothing is on the page yet (what
   * does not fit on an empty page would not fit on the next either). Says whether it did.
   */
  ensure(height: number): boolean {
    const breaks = this.y + height > this.bottom && !this.empty;
    if (breaks) this.newPage();
    this.empty = false;
    return breaks;
  }

  /** Starts a page of its own, unless this one is still empty. */
  section(): void {
    if (!this.empty) this.newPage();
  }

  /** Lines flowing down the page, breaking between lines where the page ends. */
  writeLines(lines: Line[], options: { x?: number; width?: number; align?: Align; size?: number } = {}): void {
    const size = options.size ?? BODY;
    const lh = this.text.lineHeight(size);
    for (const line of lines) {
      this.ensure(lh);
      this.text.drawLine(line, options.x ?? this.left, this.y, options.width ?? this.width, options.align ?? 'left', size);
      this.y += lh;
    }
  }

  /** Runs `draw` with `box` carried over every page break it makes. */
  insideBox(box: OpenBox, draw: () => void): void {
    this.box = box;
    try {
      draw();
    } finally {
      this.box = null;
    }
  }
}
