import type { BadgeLayout } from '../../../shared/api';

/**
 * What the desk needs from the machine, as interfaces: the Electron shell passes a silent printer
 * built on its print API; plain Node has none (the browser's print dialog prints there). PDFs, of
 * badges and of the end-of-day export, are drawn in Node and need neither.
 */
export interface DeskPrinter {
  printers(): Promise<string[]>;
  print(html: string, options: { printer: string | null; layout: BadgeLayout }): Promise<void>;
}

export interface Platform {
  printer: DeskPrinter | null;
}
