import type { BadgeLayout } from '../api';
import { badgeType, layoutType, type BadgeHeader, type BadgeText } from './badge-text';
import { LAYOUTS, type LayoutSpec } from './layouts';

/**
 * Badges as one printable HTML document: no scripts, the QR code inline as SVG, the paper size in
 * @page. The same document is previewed on screen, printed at the desk and turned into PDF.
 */

export interface BadgeContent extends BadgeText {
  qrSvg: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

function badgeHtml(c: BadgeContent, header: BadgeHeader, spec: LayoutSpec): string {
  const { name, business, event } = badgeType(c, header, spec);
  return `<section class="badge">
  <header class="event" style="font-size:${event}mm">${escapeHtml(header.event)}<div class="date">${escapeHtml(header.date)}</div></header>
  <div class="who">
    <div class="role">${escapeHtml(c.role)}</div>
    <div class="name" style="font-size:${name}mm">${escapeHtml(c.name)}</div>
    <div class="business" style="font-size:${business}mm">${escapeHtml(c.business)}</div>
    <div class="regency">${escapeHtml(c.regency)}</div>
  </div>
  <div class="qr">${c.qrSvg}</div>
  <div class="number">${escapeHtml(c.number)}</div>
</section>`;
}

function styles(spec: LayoutSpec): string {
  const { page, badge, qr, padding } = spec;
  const type = layoutType(spec);
  return `@page { size: ${page.w}mm ${page.h}mm; margin: 0 }
* { box-sizing: border-box }
html, body { margin: 0; padding: 0; background: #fff; color: #000 }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; -webkit-print-color-adjust: exact; print-color-adjust: exact }
.page { width: ${page.w}mm; height: ${page.h}mm; display: grid; overflow: hidden; position: relative;
  grid-template-columns: repeat(${spec.columns}, ${badge.w}mm); grid-template-rows: repeat(${spec.rows}, ${badge.h}mm); break-after: page }
.page:last-child { break-after: auto }
.badge { width: ${badge.w}mm; height: ${badge.h}mm; padding: ${padding}mm; overflow: hidden; display: grid; gap: 1mm;
  ${
    spec.landscape
      ? `grid-template-columns: 1fr ${qr}mm; grid-template-rows: auto 1fr auto; grid-template-areas: "event event" "who qr" "who number"`
      : `grid-template-columns: 1fr; grid-template-rows: auto auto 1fr auto; grid-template-areas: "event" "who" "qr" "number"`
  } }
.event { grid-area: event; font-weight: 700; line-height: 1.15; text-align: center; overflow-wrap: anywhere; border-bottom: 0.3mm solid #000; padding-bottom: 1mm }
.event .date { font-weight: 400; font-size: 0.85em }
.who { grid-area: who; min-width: 0; text-align: ${spec.landscape ? 'left' : 'center'}; overflow: hidden }
.role { display: inline-block; font-weight: 700; letter-spacing: 0.08em; text-transform: uppercase; font-size: ${type.role}mm;
  border: 0.3mm solid #000; border-radius: 1mm; padding: 0.3mm 1.5mm; margin: 0.5mm 0 }
.name { font-weight: 700; line-height: 1.1; overflow-wrap: anywhere }
.business { line-height: 1.15; overflow-wrap: anywhere; margin-top: 0.8mm }
.regency { font-size: ${type.regency}mm; margin-top: 0.8mm; overflow-wrap: anywhere }
.qr { grid-area: qr; width: ${qr}mm; height: ${qr}mm; justify-self: center; align-self: center }
.qr svg { display: block; width: ${qr}mm; height: ${qr}mm }
.number { grid-area: number; text-align: center; font-family: "DejaVu Sans Mono", monospace; font-size: ${type.number}mm; letter-spacing: 0.05em }
.cut { position: absolute; border-color: #000; border-style: dashed; border-width: 0 }
.cut.v { top: 0; bottom: 0; left: ${badge.w}mm; border-left-width: 0.2mm }
.cut.h { left: 0; right: 0; top: ${badge.h}mm; border-top-width: 0.2mm }`;
}

export function renderBadgeDocument(badges: readonly BadgeContent[], header: BadgeHeader, layout: BadgeLayout, lang: string): string {
  const spec = LAYOUTS[layout];
  const perPage = spec.columns * spec.rows;
  const pages: string[] = [];
  for (let i = 0; i < badges.length; i += perPage) {
    const cells = badges.slice(i, i + perPage).map((b) => badgeHtml(b, header, spec));
    const marks = spec.cutMarks ? '<div class="cut v"></div><div class="cut h"></div>' : '';
    pages.push(`<div class="page">${cells.join('\n')}${marks}</div>`);
  }
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(header.event)}</title>
<style>${styles(spec)}</style></head>
<body>${pages.join('\n')}</body></html>`;
}
