import QRCode from 'qrcode';
import type { ApiParsed, BadgeDocument, BadgeLayout, DeskSettings, FileDownload, ParticipantDetail, PrintOutcome } from '../../../shared/api';
import { BADGE_LAYOUTS } from '../../../shared/api';
import { renderBadgeDocument, type BadgeContent } from '../../../shared/badge/badge-html';
import type { BadgeText } from '../../../shared/badge/badge-text';
import { regencyByCode } from '../../../shared/domain/regency';
import { LoketError } from '../../../shared/errors';
import type { EventConfig, ParticipantState } from '../../../shared/fold';
import { hlcWall } from '../../../shared/hlc';
import { formatIsoDate, t } from '../../../shared/i18n';
import { badgesPdf } from '../badges/badge-pdf';
import { badgeKeys, signBadge } from '../badges/signing';
import type { Desk } from '../desk';
import { findParticipant } from './checkin-service';
import { badgePrintView, toDetail } from './views';

/** The human-readable participant number on a badge: the start of the opaque ID, grouped. */
export function participantNumber(id: string): string {
  return `${id.slice(0, 4)}-${id.slice(4, 8)}`.toUpperCase();
}

async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

function textFor(desk: Desk, p: ParticipantState): BadgeText {
  return {
    name: p.name,
    business: p.business,
    regency: p.regency ? (regencyByCode(p.regency)?.name ?? p.regency) : '',
    number: participantNumber(p.id),
    role: t(desk.lang, 'badge.role'),
  };
}

function header(desk: Desk, event: EventConfig) {
  return { event: event.name, date: formatIsoDate(desk.lang, event.date) };
}

export async function deskSettings(desk: Desk): Promise<DeskSettings> {
  const mode = desk.meta('print_mode');
  const layout = desk.meta('badge_layout');
  return {
    printMode: mode === 'always' || mode === 'never' ? mode : 'ask',
    layout: (BADGE_LAYOUTS as readonly string[]).includes(layout ?? '') ? (layout as BadgeLayout) : 'a6',
    printer: desk.meta('printer'),
    printers: desk.platform.printer ? await desk.platform.printer.printers() : [],
  };
}

/** Print settings belong to this desk (its printer, its paper), so they stay out of the replicated log. */
export async function setDeskSettings(desk: Desk, input: ApiParsed<'setDeskSettings'>): Promise<DeskSettings> {
  if (input.printMode) desk.setMeta('print_mode', input.printMode);
  if (input.layout) desk.setMeta('badge_layout', input.layout);
  if (input.printer !== undefined) desk.setMeta('printer', input.printer);
  return deskSettings(desk);
}

export async function badge(desk: Desk, input: ApiParsed<'badge'>): Promise<BadgeDocument> {
  const event = desk.requireEvent();
  const p = findParticipant(desk, { participantId: input.participantId, via: 'search' });
  const layout = input.layout ?? (await deskSettings(desk)).layout;
  const code = signBadge(badgeKeys(desk.secret, event.eventId), p.id);
  const first = p.badges[0];
  return {
    layout,
    code,
    html: renderBadgeDocument([{ ...textFor(desk, p), qrSvg: await qrSvg(code) }], header(desk, event), layout, desk.lang),
    alreadyPrinted: first ? badgePrintView(desk, first) : null,
  };
}

/**
 * Print a badge. A second print needs a reason, so pre-printed badges are not reprinted on
 * autopilot. A print counts only once it is known to have happened: the desk's printer reports
 * success (Electron's print callback) and the print is recorded here; the browser's print dialog
 * reports nothing, so in `browser` mode nothing is recorded until the operator confirms it with
 * `confirmBadgePrint`.
 */
export async function printBadge(desk: Desk, input: ApiParsed<'printBadge'>, operator = desk.requireOperator()): Promise<PrintOutcome> {
  const p = findParticipant(desk, { participantId: input.participantId, via: 'search' });
  if (p.badges.length > 0 && !input.reason) throw new LoketError('reprint_reason_required');
  const settings = await deskSettings(desk);
  const doc = await badge(desk, { participantId: p.id, layout: input.layout ?? settings.layout });
  const mode = await printDocument(desk, doc.html, settings, doc.layout);
  if (mode === 'silent') recordPrint(desk, p.id, doc.layout, input.reason ?? null, operator);
  return { mode, html: doc.html, layout: doc.layout, participant: toDetail(desk, desk.view.get(p.id)!) };
}

/** The operator saw the badge come out of the printer after the browser's print dialog: record the print. */
export function confirmBadgePrint(desk: Desk, input: ApiParsed<'confirmBadgePrint'>, operator = desk.requireOperator()): ParticipantDetail {
  const p = findParticipant(desk, { participantId: input.participantId, via: 'search' });
  if (p.badges.length > 0 && !input.reason) throw new LoketError('reprint_reason_required');
  recordPrint(desk, p.id, input.layout, input.reason ?? null, operator);
  return toDetail(desk, desk.view.get(p.id)!);
}

function recordPrint(desk: Desk, participant: string, layout: BadgeLayout, reason: string | null, operator: string): void {
  desk.record([{ type: 'badge.printed', body: { participant, layout, reason } }], operator);
}

/** To the desk's printer when the shell gave one (silent), else back to the UI for the browser's print dialog. */
export async function printDocument(desk: Desk, html: string, settings: DeskSettings, layout: BadgeLayout = settings.layout): Promise<'silent' | 'browser'> {
  const printer = desk.platform.printer;
  if (!printer) return 'browser';
  try {
    await printer.print(html, { printer: settings.printer, layout });
  } catch (error) {
    throw new LoketError('printer_failed', { detail: error instanceof Error ? error.message : String(error) });
  }
  return 'silent';
}

/** A sample badge on the desk's paper, to check the printer before the queue arrives. */
export async function printTestPage(desk: Desk): Promise<{ mode: 'silent' | 'browser'; html: string }> {
  const event = desk.requireEvent();
  const settings = await deskSettings(desk);
  const sample: BadgeContent = {
    name: t(desk.lang, 'badge.testName'),
    business: `${desk.deskName(desk.id)} · ${settings.layout}`,
    regency: t(desk.lang, 'badge.testRegency'),
    number: 'TEST-0000',
    role: t(desk.lang, 'badge.testRole'),
    qrSvg: await qrSvg(`LOKET TEST ${desk.deskName(desk.id)}`),
  };
  const html = renderBadgeDocument([sample], header(desk, event), settings.layout, desk.lang);
  return { mode: await printDocument(desk, html, settings, settings.layout), html };
}

/**
 * Names compare as `localeCompare(…, 'id')` compares them, with one collator: given the locale,
 * localeCompare sets one up per call, and sorting 1000 participants took 65 ms instead of 4.
 */
const BY_NAME = new Intl.Collator('id');

/** Sorted by regency, then name: the order the desks of each regency hand them out in. */
export function badgeOrder(participants: Iterable<ParticipantState>, regency?: string): ParticipantState[] {
  return [...participants]
    .filter((p) => !regency || p.regency === regency)
    .sort((a, b) => (a.regency ?? '99').localeCompare(b.regency ?? '99') || BY_NAME.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/**
 * One PDF of many badges for printing before the day, drawn in Node (no browser). Each badge in it
 * is recorded as generated for printing (`badge.generated`), never as printed: whether the PDF
 * reaches a printer is not known here, so a desk and the kiosk still print such a badge without
 * asking for a reason.
 */
export async function batchBadges(desk: Desk, input: ApiParsed<'batchBadges'>, operator = desk.requireOperator()): Promise<FileDownload & { count: number }> {
  const event = desk.requireEvent();
  desk.refresh();
  const layout = input.layout ?? (await deskSettings(desk)).layout;
  const people = badgeOrder(desk.view.all(), input.regency);
  const keys = badgeKeys(desk.secret, event.eventId);
  const badges = people.map((p) => ({ ...textFor(desk, p), code: signBadge(keys, p.id) }));
  // Dated by what the badges show, never the clock: the same list gives the same bytes.
  const stamp = new Date(people.reduce((latest, p) => Math.max(latest, hlcWall(p.updatedHlc)), hlcWall(event.configuredHlc)));
  const pdf = await badgesPdf(badges, header(desk, event), layout, { lang: desk.lang, stamp });
  desk.record(
    people.map((p) => ({ type: 'badge.generated' as const, body: { participant: p.id, layout } })),
    operator,
  );
  const suffix = input.regency ? `-${input.regency}` : '';
  return { fileName: `kartu-peserta${suffix}-${layout}.pdf`, contentBase64: Buffer.from(pdf).toString('base64'), count: people.length };
}
