import { fittedType, headerType, layoutType, type BadgeHeader, type BadgeText, type BadgeType } from '../../../shared/badge/badge-text';
import type { LayoutSpec } from '../../../shared/badge/layouts';
import type { FontName } from '../export/documents/layout/fonts';
import { MM } from '../export/documents/layout/measures';
import type { Align, Line, Typesetter } from '../export/documents/layout/text';
import { drawQr, type QrPath } from './qr-vector';

/** A badge as the batch PDF draws it: its text and the signed code its QR carries. */
export interface PdfBadge extends BadgeText {
  code: string;
}

// The HTML badge's spacing (shared/badge/badge-html.ts), in points: this face draws the same badge.
const GAP = 1 * MM;
const RULE = 0.3 * MM;
const UNDER_EVENT = 1 * MM;
const PARAGRAPH = 0.8 * MM;
const ROLE = { padX: 1.5 * MM, padY: 0.3 * MM, margin: 0.5 * MM, radius: 1 * MM, tracking: 0.08 };
const NUMBER_TRACKING = 0.05;
/** The role's line also holds the browser's default 16 px text (12 pt), which sets its height on small badges. */
const STRUT = 12;
/** DejaVu's three faces put 1901 of a line's 2384 units above the baseline (no line gap). */
const ASCENT = 1901 / 2384;
/** How far a name and business too long for the room left by the QR code may shrink before they are cut. */
const MIN_SCALE = 0.5;

/** Lines of one face and size; `leading` is the line height in ems (CSS line-height), null for the font's own. */
interface Block {
  lines: Line[];
  size: number;
  leading: number | null;
}

interface Who {
  name: Block;
  business: Block;
  regency: Block;
  height: number;
}

/**
 * One layout's badge face drawn with pdfkit: the event and date over a rule, the role in a
 * rounded box, name, business and regency, the QR code at its full size, the participant number.
 * Long names and businesses shrink, then wrap; if they still do not fit above the QR code they
 * shrink further, down to half, and what is left is cut off rather than drawn over the code.
 */
export class BadgeFace {
  private readonly type: Omit<BadgeType, 'name' | 'business'>;
  private readonly event: Block;
  private readonly date: Block;
  private readonly eventHeight: number;
  private readonly numberHeight: number;
  private readonly whoTop: number;
  private readonly whoWidth: number;
  /** The height the name, business and regency may take without pushing on the QR code. */
  private readonly whoRoom: number;
  private readonly roleLine: { height: number; baseline: number };

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly text: Typesetter,
    private readonly spec: LayoutSpec,
    header: BadgeHeader,
  ) {
    const { w, h } = this.size;
    const p = spec.padding * MM;
    this.type = { ...headerType(header, spec), ...layoutType(spec) };
    const eventSize = this.type.event * MM;
    this.event = this.block(header.event, w - 2 * p, eventSize, 'bold', 1.15);
    this.date = this.block(header.date, w - 2 * p, 0.85 * eventSize, 'regular', 1.15);
    this.eventHeight = this.height(this.event) + this.height(this.date) + UNDER_EVENT + RULE;
    this.numberHeight = this.text.lineHeight(this.type.number * MM);
    this.whoTop = p + this.eventHeight + GAP;
    this.whoWidth = spec.landscape ? w - 2 * p - GAP - spec.qr * MM : w - 2 * p;
    this.whoRoom = spec.landscape ? h - p - this.whoTop : h - p - this.numberHeight - GAP - spec.qr * MM - GAP - this.whoTop;
    this.roleLine = this.layRoleLine();
  }

  private get size() {
    return { w: this.spec.badge.w * MM, h: this.spec.badge.h * MM };
  }

  /** The badge with its top left corner at (x, y); `qr` is its code's (qr-vector.ts). */
  draw(badge: PdfBadge, qr: QrPath, x: number, y: number): void {
    const { doc, spec } = this;
    const { w, h } = this.size;
    const p = spec.padding * MM;
    const side = spec.qr * MM;
    doc.save().translate(x, y);

    let top = p;
    top = this.drawBlock(this.event, p, top, w - 2 * p, 'center');
    top = this.drawBlock(this.date, p, top, w - 2 * p, 'center');
    const rule = top + UNDER_EVENT + RULE / 2;
    doc.moveTo(p, rule).lineTo(w - p, rule).lineWidth(RULE).stroke();

    const who = this.fitWho(badge);
    const align: Align = spec.landscape ? 'left' : 'center';
    doc.save().rect(p, this.whoTop, this.whoWidth, this.whoRoom).clip();
    this.drawRole(badge.role, align);
    top = this.whoTop + this.roleLine.height;
    top = this.drawBlock(who.name, p, top, this.whoWidth, align) + PARAGRAPH;
    top = this.drawBlock(who.business, p, top, this.whoWidth, align) + PARAGRAPH;
    this.drawBlock(who.regency, p, top, this.whoWidth, align);
    doc.restore();

    // The QR code is centred in the room between the text (beside it on cards) and the number.
    const numberTop = h - p - this.numberHeight;
    const rowTop = spec.landscape ? this.whoTop : this.whoTop + Math.min(who.height, this.whoRoom) + GAP;
    const qrX = spec.landscape ? w - p - side : (w - side) / 2;
    drawQr(doc, qr, qrX, (rowTop + numberTop - GAP) / 2 - side / 2, side);

    const [numberX, numberWidth] = spec.landscape ? [w - p - side, side] : [p, w - 2 * p];
    this.drawTracked(badge.number, 'mono', this.type.number * MM, NUMBER_TRACKING, numberX, numberTop, numberWidth);
    doc.restore();
  }

  /** Name, business and regency at the sizes the HTML badge gives them, smaller only if they would reach the QR code. */
  private fitWho(badge: PdfBadge): Who {
    const type = fittedType(badge, this.spec);
    const lay = (scale: number): Who => {
      const name = this.block(badge.name, this.whoWidth, type.name * MM * scale, 'bold', 1.1);
      const business = this.block(badge.business, this.whoWidth, type.business * MM * scale, 'regular', 1.15);
      const regency = this.block(badge.regency, this.whoWidth, this.type.regency * MM, 'regular', null);
      const height = this.roleLine.height + this.height(name) + PARAGRAPH + this.height(business) + PARAGRAPH + this.height(regency);
      return { name, business, regency, height };
    };
    let who = lay(1);
    for (let scale = 0.9; who.height > this.whoRoom && scale >= MIN_SCALE; scale *= 0.9) who = lay(scale);
    return who;
  }

  /**
   * The role's box sits on a line whose height is the larger of its own (margin, border,
   * padding, text) and the 16 px text the browser puts on every line, above and below the baseline.
   */
  private layRoleLine(): { height: number; baseline: number } {
    const lh = this.text.lineHeight(this.type.role * MM);
    const edge = ROLE.margin + RULE + ROLE.padY;
    const above = Math.max(edge + ASCENT * lh, ASCENT * this.text.lineHeight(STRUT));
    const below = Math.max(edge + (1 - ASCENT) * lh, (1 - ASCENT) * this.text.lineHeight(STRUT));
    return { height: above + below, baseline: above };
  }

  private drawRole(role: string, align: Align): void {
    const size = this.type.role * MM;
    const lh = this.text.lineHeight(size);
    const label = role.toUpperCase();
    const width = this.trackedWidth(label, 'bold', size, ROLE.tracking) + 2 * (ROLE.padX + RULE);
    const x = this.spec.padding * MM + (align === 'center' ? (this.whoWidth - width) / 2 : 0);
    const textTop = this.whoTop + this.roleLine.baseline - ASCENT * lh;
    const boxTop = textTop - ROLE.padY - RULE;
    this.doc
      .roundedRect(x + RULE / 2, boxTop + RULE / 2, width - RULE, lh + 2 * ROLE.padY + RULE, ROLE.radius - RULE / 2)
      .lineWidth(RULE)
      .stroke();
    this.drawTracked(label, 'bold', size, ROLE.tracking, x + RULE + ROLE.padX, textTop, null);
  }

  /** Letter-spaced text, as CSS spaces it (after every letter); centred in `width` unless that is null. */
  private drawTracked(text: string, font: FontName, size: number, tracking: number, x: number, y: number, width: number | null): void {
    const left = width === null ? x : x + (width - this.trackedWidth(text, font, size, tracking)) / 2;
    this.doc.font(font).fontSize(size).text(text, left, y, { lineBreak: false, characterSpacing: tracking * size });
  }

  private trackedWidth(text: string, font: FontName, size: number, tracking: number): number {
    return this.text.measure(text, font, size) + [...text].length * tracking * size;
  }

  /** An empty text takes no lines, as an empty element in the HTML badge takes no height. */
  private block(text: string, width: number, size: number, font: FontName, leading: number | null): Block {
    return { lines: text.trim() ? this.text.wrap(text, width, size, font) : [], size, leading };
  }

  private lineBox(block: Block): number {
    return block.leading === null ? this.text.lineHeight(block.size) : block.leading * block.size;
  }

  private height(block: Block): number {
    return block.lines.length * this.lineBox(block);
  }

  /** The block's lines from `top`, each centred in its line box as CSS does; returns where the block ends. */
  private drawBlock(block: Block, x: number, top: number, width: number, align: Align): number {
    const box = this.lineBox(block);
    const inset = (box - this.text.lineHeight(block.size)) / 2;
    block.lines.forEach((line, n) => this.text.drawLine(line, x, top + n * box + inset, width, align, block.size));
    return top + block.lines.length * box;
  }
}
