import QRCode from 'qrcode';

/** The quiet zone in modules, as the HTML badge's SVG has it (`margin: 2`). */
const MARGIN = 2;
/** QR's alphanumeric mode, which a badge code keeps to (docs/badges.md). */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;
const ASCII = new TextEncoder();

/**
 * Codes a reply of the QR worker carries, and a batch draws between two turns of the event loop:
 * some 25 ms of drawing, so a desk drawing a batch still answers its check-ins. Here, not beside
 * the worker's starter: the worker importing that module made the kiosk's bundle put the starter
 * in a chunk of its own, away from the worker's file.
 */
export const QR_CHUNK = 25;

/** A QR code ready to draw: its width in modules and its dark modules as PDF path operators in module units. */
export interface QrPath {
  size: number;
  /** The operators as the content stream's bytes, which pdfkit copies as they are (a string it converts a character at a time). */
  path: Uint8Array;
}

/**
 * `text`'s QR code (error correction M, as on the HTML badge) as rectangles: a row's adjacent
 * dark modules are one rectangle, so that the whole code is one fill with no hairline seams
 * between modules for a rasterizer to leave, and a small content stream. Plain data, so that a
 * worker thread can make it (qr-off-thread.ts).
 */
export function qrPath(text: string): QrPath {
  // A single alphanumeric segment is what qrcode's own segmentation picks for such a text; saying
  // so spares it the search, which took a third of a 1000-badge batch.
  const segments = ALPHANUMERIC.test(text) ? [{ data: text, mode: 'alphanumeric' as const }] : text;
  const { size, data } = QRCode.create(segments, { errorCorrectionLevel: 'M' }).modules;
  const rects: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!data[row * size + col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && data[row * size + col]) col++;
      rects.push(`${start} ${row} ${col - start} 1 re`);
    }
  }
  // ASCII, so its UTF-8 is its bytes; with the line end pdfkit puts after content given as a
  // string. A buffer of its own (a small Buffer would share a pool), so a worker can hand it over.
  return { size, path: ASCII.encode(`${rects.join('\n')}\n`) };
}

/** The code in the `side` × `side` square at (x, y), quiet zone included. */
export function drawQr(doc: PDFKit.PDFDocument, qr: QrPath, x: number, y: number, side: number): void {
  const module = side / (qr.size + 2 * MARGIN);
  // In module units, and one write: pdfkit turns every drawing call into a buffer of its own,
  // which for some 400 rectangles a code cost more than drawing them. Given as bytes, it spares a
  // batch's thread the conversion of 5 MB of operators (80 ms of 1000 badges).
  doc.save().translate(x + MARGIN * module, y + MARGIN * module).scale(module);
  doc.addContent(qr.path);
  doc.fill('black').restore();
}
