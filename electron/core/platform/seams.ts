import type { BadgeLayout } from '../../../shared/api';

/**
 * What the desk needs from the machine, as interfaces: the Electron shell passes implementations
 * built on its print APIs; plain Node uses headless Chromium for PDFs and has no silent printer.
 */
export interface PdfRenderer {
  pdf(html: string): Promise<Uint8Array>;
  /** Run `work`, which renders several PDFs, on one warm renderer: a Chromium launch costs about two seconds. */
  session<T>(work: () => Promise<T>): Promise<T>;
}

export interface DeskPrinter {
  printers(): Promise<string[]>;
  print(html: string, options: { printer: string | null; layout: BadgeLayout }): Promise<void>;
}

export interface Platform {
  pdf: PdfRenderer;
  printer: DeskPrinter | null;
}
