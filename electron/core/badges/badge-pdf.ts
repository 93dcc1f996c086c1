import { setImmediate as nextTurn } from 'node:timers/promises';
import PDFDocument from 'pdfkit';
import type { BadgeLayout } from '../../../shared/api';
import type { BadgeHeader } from '../../../shared/badge/badge-text';
import { LAYOUTS, type LayoutSpec } from '../../../shared/badge/layouts';
import { registerFonts } from '../export/documents/layout/fonts';
import { MM } from '../export/documents/layout/measures';
import { Typesetter } from '../export/documents/layout/text';
import { BadgeFace, type PdfBadge } from './badge-face';
import { qrPathsOffThread } from './qr-off-thread';

const CUT = { width: 0.2 * MM, dash: 0.8 * MM, space: 0.55 * MM };

/**
 * Many badges in one PDF for printing before the day, drawn in Node (pdfkit, DejaVu Sans embedded
 * so every name's script prints and copies as text), as the HTML badge looks on the same paper:
 * one badge a page, or four an A4 sheet with dashed cut lines. Dated `stamp`, never the clock, so
 * the same badges give the same bytes. The QR codes of a large batch are encoded on a worker thread
 * (`qrWorker` names its file where the default is not beside this module) while this one draws.
 */
export async function badgesPdf(
  badges: readonly PdfBadge[],
  header: BadgeHeader,
  layout: BadgeLayout,
  options: { lang: string; stamp: Date; qrWorker?: URL },
): Promise<Uint8Array> {
  const spec = LAYOUTS[layout];
  const doc = new PDFDocument({
    autoFirstPage: false,
    lang: options.lang,
    displayTitle: true,
    info: { Title: header.event, Creator: 'Loket', CreationDate: options.stamp, ModDate: options.stamp },
  });
  registerFonts(doc);
  const chunks: Uint8Array[] = [];
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });

  const face = new BadgeFace(doc, new Typesetter(doc), spec, header);
  const perPage = spec.columns * spec.rows;
  const page = () => doc.addPage({ size: [spec.page.w * MM, spec.page.h * MM], margin: 0 });
  let n = 0;
  for await (const qrs of qrPathsOffThread(badges.map((b) => b.code), options.qrWorker)) {
    for (const qr of qrs) {
      const cell = n % perPage;
      if (cell === 0) {
        // A sheet's cut lines go over its badges, so they end it.
        if (n > 0 && spec.cutMarks) cutLines(doc, spec);
        page();
      }
      face.draw(badges[n]!, qr, (cell % spec.columns) * spec.badge.w * MM, Math.floor(cell / spec.columns) * spec.badge.h * MM);
      n++;
    }
    // Drawing 1000 badges takes a second: between chunks the desk answers the check-ins that came meanwhile.
    await nextTurn();
  }
  if (n > 0 && spec.cutMarks) cutLines(doc, spec);
  // A regency with nobody on the list still gets a file a PDF reader opens.
  if (badges.length === 0) page();
  doc.end();
  return done;
}

/** Dashed lines across the sheet between the badges, as the HTML sheet's cut marks. */
function cutLines(doc: PDFKit.PDFDocument, spec: LayoutSpec): void {
  const { page, badge } = spec;
  doc.save().lineWidth(CUT.width).dash(CUT.dash, { space: CUT.space });
  for (let c = 1; c < spec.columns; c++) {
    const x = c * badge.w * MM + CUT.width / 2;
    doc.moveTo(x, 0).lineTo(x, page.h * MM);
  }
  for (let r = 1; r < spec.rows; r++) {
    const y = r * badge.h * MM + CUT.width / 2;
    doc.moveTo(0, y).lineTo(page.w * MM, y);
  }
  doc.stroke().restore();
}
