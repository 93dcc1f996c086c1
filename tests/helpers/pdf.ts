import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';

/**
 * What poppler reads out of a PDF: the text a person copying from it gets. 'layout' keeps a table's
 * rows on their lines; 'raw' keeps the order it was drawn in, so a cell's wrapped lines stay together.
 */
export function pdfText(pdf: Uint8Array, mode: 'layout' | 'raw' = 'layout', area?: { page: number; x: number; y: number; w: number; h: number }): string {
  // pdftotext crops in pixels at its resolution: at 72 dpi, points. `area` is in millimetres.
  const pt = (mm: number) => String(Math.round((mm * 72) / 25.4));
  const crop = area ? ['-f', String(area.page), '-l', String(area.page), '-x', pt(area.x), '-y', pt(area.y), '-W', pt(area.w), '-H', pt(area.h)] : [];
  return execFileSync('pdftotext', [`-${mode}`, ...crop, '-', '-'], { input: pdf, encoding: 'utf8' });
}

/** The PDF's content streams inflated: the drawing operators ("10 10 m", "200 300 l", …) of every page. */
export function pdfDrawing(pdf: Uint8Array): string {
  const bytes = Buffer.from(pdf);
  const text = bytes.toString('latin1');
  const streams: string[] = [];
  for (const match of text.matchAll(/\/Length (\d+)[^>]*\/Filter \/FlateDecode[^>]*>>\s*stream\r?\n/g)) {
    const start = match.index + match[0].length;
    streams.push(inflateSync(bytes.subarray(start, start + Number(match[1]))).toString('latin1'));
  }
  return streams.join('\n');
}

export interface PdfWord {
  /** From 1. */
  page: number;
  text: string;
  /** Millimetres from the page's top left corner. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Every word poppler finds, with its box: where a reader's selection of it would go. */
export function pdfWords(pdf: Uint8Array): PdfWord[] {
  const html = execFileSync('pdftotext', ['-bbox', '-', '-'], { input: pdf, encoding: 'utf8' });
  const mm = (pt: string) => (Number(pt) * 25.4) / 72;
  const words: PdfWord[] = [];
  let page = 0;
  for (const match of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (match[0] === '<page ') page++;
    else words.push({ page, text: match[5]!, x0: mm(match[1]!), y0: mm(match[2]!), x1: mm(match[3]!), y1: mm(match[4]!) });
  }
  return words;
}
