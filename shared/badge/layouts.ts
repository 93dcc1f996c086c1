import type { BadgeLayout } from '../api';

/** Paper and badge geometry in millimetres. */
export interface LayoutSpec {
  page: { w: number; h: number };
  badge: { w: number; h: number };
  columns: number;
  rows: number;
  /** Side of the QR code; never scaled down to make room for text. */
  qr: number;
  /** Text beside the QR code (cards) instead of above it. */
  landscape: boolean;
  cutMarks: boolean;
  padding: number;
  nameMm: number;
}

export const LAYOUTS: Record<BadgeLayout, LayoutSpec> = {
  a6: { page: { w: 105, h: 148 }, badge: { w: 105, h: 148 }, columns: 1, rows: 1, qr: 48, landscape: false, cutMarks: false, padding: 7, nameMm: 8.5 },
  cr80: { page: { w: 85.6, h: 54 }, badge: { w: 85.6, h: 54 }, columns: 1, rows: 1, qr: 30, landscape: true, cutMarks: false, padding: 3.5, nameMm: 4.6 },
  // Receipt rolls: 58 mm paper has about 48 mm printable, 80 mm about 72 mm.
  thermal58: { page: { w: 58, h: 92 }, badge: { w: 58, h: 92 }, columns: 1, rows: 1, qr: 36, landscape: false, cutMarks: false, padding: 5, nameMm: 5 },
  thermal80: { page: { w: 80, h: 112 }, badge: { w: 80, h: 112 }, columns: 1, rows: 1, qr: 46, landscape: false, cutMarks: false, padding: 4, nameMm: 7 },
  a4: { page: { w: 210, h: 297 }, badge: { w: 105, h: 148.5 }, columns: 2, rows: 2, qr: 48, landscape: false, cutMarks: true, padding: 7, nameMm: 8.5 },
};
