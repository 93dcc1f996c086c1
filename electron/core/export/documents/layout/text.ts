import type { FontName } from './fonts';

export type Align = 'left' | 'center' | 'right';

/** A stretch of text in one face; a paragraph is a list of them. */
interface Run {
  text: string;
  font?: FontName;
  underline?: boolean;
}
export type Text = string | Run[];

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

export interface Line {
  pieces: Piece[];
  /** Including the last piece's trailing space: see `visibleWidth`. */
  width: number;
}

/** Letters of the scripts written right to left: Hebrew, Arabic and their presentation forms. */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/** Columns are sized to a word's exact width, which adding and taking away padding misses by a rounding error. */
export const SLACK = 0.01;

/** What the line covers on paper: a trailing space takes no room at the end of a line. */
export const visibleWidth = (line: Line) => line.width - (line.pieces.at(-1)?.trail ?? 0);

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
 * Measures, wraps and draws lines in one document. Text is wrapped here rather than by pdfkit: its
 * line wrapper costs several times more, and would add pages on its own.
 */
export class Typesetter {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  measure(text: string, font: FontName, size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }

  lineHeight(size: number): number {
    return this.doc.font('regular').fontSize(size).currentLineHeight(true);
  }

  /** Greedy wrapping into `width`; a word longer than a line is cut between characters unless `keep`. */
  wrap(text: Text, width: number, size: number, font: FontName = 'regular', keep = false): Line[] {
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

  /**
   * One line at (x, y) in a box `width` wide; pieces in the same face are drawn as one string.
   * Words in Arabic (or Hebrew) script run right to left: pdfkit shapes and mirrors a word on its
   * own but sets the words of a string left to right, so such words are placed one by one.
   */
  drawLine(line: Line, x: number, y: number, width: number, align: Align, size: number): void {
    const w = visibleWidth(line);
    let at = align === 'right' ? x + width - w : align === 'center' ? x + (width - w) / 2 : x;
    let text = '';
    let start = at;
    let face: Piece | null = null;
    const flush = () => {
      if (face && text) this.drawText(text, face, start, y, size);
      face = null;
    };
    const pieces = line.pieces;
    for (let i = 0; i < pieces.length; ) {
      const piece = pieces[i]!;
      if (RIGHT_TO_LEFT.test(piece.text)) {
        flush();
        let end = i;
        while (end + 1 < pieces.length && RIGHT_TO_LEFT.test(pieces[end + 1]!.text)) end++;
        at = this.drawRightToLeft(pieces.slice(i, end + 1), at, y, size);
        i = end + 1;
        continue;
      }
      if (face && face.font === piece.font && face.underline === piece.underline) text += piece.text;
      else {
        flush();
        face = piece;
        start = at;
        text = piece.text;
      }
      at += piece.width;
      i++;
    }
    flush();
  }

  /**
   * A run of right-to-left words from `at`, the last word leftmost; the space after each word
   * goes to its left, except the run's last space, which stays between it and what follows.
   * Returns where the run ends.
   */
  private drawRightToLeft(run: Piece[], at: number, y: number, size: number): number {
    for (let k = run.length - 1; k >= 0; k--) {
      const piece = run[k]!;
      this.drawText(piece.text.trimEnd(), piece, at, y, size);
      at += piece.width - piece.trail + (k > 0 ? run[k - 1]!.trail : 0);
    }
    return at + run.at(-1)!.trail;
  }

  private drawText(text: string, face: Piece, x: number, y: number, size: number): void {
    this.doc.font(face.font).fontSize(size).text(text, x, y, { lineBreak: false, underline: face.underline });
  }
}
