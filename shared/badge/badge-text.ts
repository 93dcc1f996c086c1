import type { LayoutSpec } from './layouts';

/**
 * What a badge says and how large, the same for both ways a badge is drawn: the HTML badge (the
 * desk's own printing and the preview) and the batch PDF.
 */

export interface BadgeText {
  name: string;
  business: string;
  regency: string;
  number: string;
  role: string;
}

export interface BadgeHeader {
  event: string;
  date: string;
}

/** Type sizes in millimetres. */
export interface BadgeType {
  event: number;
  name: number;
  business: number;
  role: number;
  regency: number;
  number: number;
}

/**
 * Font size (mm) that lets `text` fit `lines` lines of `widthMm`, from `maxMm` down to `minMm`.
 * 0.6 em is a generous average glyph width for sans-serif capitals and digits.
 */
export function fitFont(text: string, widthMm: number, lines: number, maxMm: number, minMm: number): number {
  const needed = (widthMm * lines) / (Math.max(1, text.length) * 0.6);
  return Math.max(minMm, Math.min(maxMm, Math.floor(needed * 10) / 10));
}

/** The width of a badge's text: the whole badge inside its padding, or beside the QR code on cards. */
function textWidth(spec: LayoutSpec): number {
  return spec.landscape ? spec.badge.w - spec.qr - 3 * spec.padding : spec.badge.w - 2 * spec.padding;
}

/** The name, business and event shrink to fit two lines, then wrap; the rest follow the layout's name size. */
export function badgeType(text: Pick<BadgeText, 'name' | 'business'>, header: BadgeHeader, spec: LayoutSpec): BadgeType {
  return { ...headerType(header, spec), ...fittedType(text, spec), ...layoutType(spec) };
}

export function headerType(header: BadgeHeader, spec: LayoutSpec): Pick<BadgeType, 'event'> {
  return { event: fitFont(header.event, textWidth(spec), 2, spec.nameMm * 0.42, spec.nameMm * 0.28) };
}

export function fittedType(text: Pick<BadgeText, 'name' | 'business'>, spec: LayoutSpec): Pick<BadgeType, 'name' | 'business'> {
  const width = textWidth(spec);
  return {
    name: fitFont(text.name, width, 2, spec.nameMm, spec.nameMm * 0.45),
    business: fitFont(text.business, width, 2, spec.nameMm * 0.6, spec.nameMm * 0.35),
  };
}

/** The sizes that do not depend on what the badge says. */
export function layoutType(spec: LayoutSpec): Pick<BadgeType, 'role' | 'regency' | 'number'> {
  return { role: spec.nameMm * 0.38, regency: spec.nameMm * 0.42, number: spec.nameMm * 0.4 };
}
