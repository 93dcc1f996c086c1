import { withHeadlessPage } from './headless-chromium';
import type { PdfRenderer } from './seams';

/** PDFs honouring each document's @page size. */
export const chromiumPdf: PdfRenderer = {
  pdf: (html) =>
    withHeadlessPage(async (page) => {
      await page.setContent(html, { waitUntil: 'load' });
      return new Uint8Array(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    }),
};
