import type { BadgeLayout } from '../../../shared/api';

/**
 * What the desk needs from the machine, as interfaces: the Electron shell passes implementations
 * built on its print APIs; plain Node uses headless Chromium for badge PDFs and has no silent
 * printer. (The end-of-day export writes its PDFs itself and needs neither.)
 */
export interface PdfRenderer {
  pdf(html: string): Promise<Uint8Array>;
}

export interface DeskPrinter {
  printers(): Promise<string[]>;
  print(html: string, options: { printer: string | null; layout: BadgeLayout }): Promise<void>;
}

export interface Platform {
  pdf: PdfRenderer;
  printer: DeskPrinter | null;
}
