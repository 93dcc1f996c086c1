import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR, { type QRCode } from 'jsqr';
import { PNG } from 'pngjs';

/** The PDF's pages as PNG files at `dpi` (as a badge printer's driver might rasterize them), in page order. */
export function rasterize(pdf: Uint8Array, dir: string, dpi = 150, pages: { first: number; last: number } | null = null): string[] {
  const file = join(dir, 'badges.pdf');
  writeFileSync(file, pdf);
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  execFileSync('pdftoppm', ['-r', String(dpi), ...range, '-png', file, join(dir, 'page')]);
  return readdirSync(dir)
    .filter((f) => f.startsWith('page') && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}

/** Every QR code ZBar finds in the image (zbarimg, as a desk's scanner software would). */
export function zbarCodes(png: string): string[] {
  const run = spawnSync('zbarimg', ['--raw', '-q', '--nodbus', '-Sdisable', '-Sqrcode.enable', png], { encoding: 'utf8' });
  // Exit status 4: the image holds no code it could read.
  if (run.status === 4) return [];
  if (run.status !== 0) throw new Error(`zbarimg ${png}: ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean);
}

/** What jsQR (the webcam path's decoder) reads in each cell of a page of `columns` × `rows` badges, row by row. */
export function jsqrCells(png: string, columns: number, rows: number): (QRCode | null)[] {
  const page = PNG.sync.read(readFileSync(png));
  const cw = Math.floor(page.width / columns);
  const ch = Math.floor(page.height / rows);
  const found: (QRCode | null)[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const cell = new PNG({ width: cw, height: ch });
      PNG.bitblt(page, cell, c * cw, r * ch, cw, ch, 0, 0);
      found.push(jsQR(new Uint8ClampedArray(cell.data), cw, ch));
    }
  }
  return found;
}
