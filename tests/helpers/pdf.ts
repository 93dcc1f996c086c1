import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';

/**
 * What poppler reads out of a PDF: the text a person copying from it gets. 'layout' keeps a table's
 * rows on their lines; 'raw' keeps the order it was drawn in, so a cell's wrapped lines stay together.
 */
export function pdfText(pdf: Uint8Array, mode: 'layout' | 'raw' = 'layout'): string {
  return execFileSync('pdftotext', [`-${mode}`, '-', '-'], { input: pdf, encoding: 'utf8' });
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
