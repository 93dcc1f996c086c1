import QRCode from 'qrcode';

/** The quiet zone in modules, as the HTML badge's SVG has it (`margin: 2`). */
const MARGIN = 2;
/** QR's alphanumeric mode, which a badge code keeps to (docs/badges.md). */
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/**
 * `text`'s QR code (error correction M, as on the HTML badge) drawn as vector modules in the
 * `side` × `side` square at (x, y), quiet zone included. A row's adjacent dark modules are one
 * rectangle and the whole code one fill: no hairline seams between modules for a rasterizer to
 * leave, and a small content stream.
 */
export function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  // A single alphanumeric segment is what qrcode's own segmentation picks for such a text; saying
  // so spares it the search, which took a third of a 1000-badge batch.
  const segments = ALPHANUMERIC.test(text) ? [{ data: text, mode: 'alphanumeric' as const }] : text;
  const { size, data } = QRCode.create(segments, { errorCorrectionLevel: 'M' }).modules;
  const module = side / (size + 2 * MARGIN);
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
  // In module units, and one write: pdfkit turns every drawing call into a buffer of its own,
  // which for some 400 rectangles a code cost more than drawing them.
  doc.save().translate(x + MARGIN * module, y + MARGIN * module).scale(module);
  doc.addContent(rects.join('\n'));
  doc.fill('black').restore();
}
