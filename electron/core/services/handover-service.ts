import type { ApiParsed, CertificateView, HandoverOutcome } from '../../../shared/api';
import { renderReceipt } from '../../../shared/documents/receipt-html';
import { LoketError } from '../../../shared/errors';
import { CERTIFICATE_NUMBER } from '../../../shared/domain/certificate-number';
import type { NewEvent } from '../../../shared/events';
import type { CertificateState, HandoverRecord } from '../../../shared/fold-certificate';
import { hlcWall } from '../../../shared/hlc';
import { formatDate, formatTime, t } from '../../../shared/i18n';
import type { Desk } from '../desk';
import { participantIdFor } from '../ids';
import { deskSettings, printDocument } from './badge-service';
import { certificateView } from './certificate-views';
import { findParticipant } from './checkin-service';
import { requireOrganizer, type Session } from './organizer';

/** "6371040101900001" → "6371********0001": enough to compare with the card in hand, no more. */
export function maskIdNumber(raw: string): string {
  const digits = raw.replace(/\s/g, '');
  if (digits.length <= 8) return '*'.repeat(digits.length);
  return digits.slice(0, 4) + '*'.repeat(digits.length - 8) + digits.slice(-4);
}

/** A scanned certificate QR often holds a URL or more text around the number. */
export function certificateNumberIn(scanned: string): string {
  const text = scanned.replace(/\s/g, '').toUpperCase();
  return /ID\d{17}/.exec(text)?.[0] ?? text;
}

export function certificateIdFor(desk: Desk, number: string): string {
  return participantIdFor(desk.secret, `certificate:${number}`);
}

export function certificates(desk: Desk, participantId: string): CertificateView[] {
  desk.refresh();
  return desk.certificates.ofParticipant(participantId).map((c) => certificateView(desk, c));
}

function requireCertificate(desk: Desk, id: string): CertificateState {
  desk.refresh();
  const c = desk.certificates.get(id);
  if (!c) throw new LoketError('certificate_not_found', { number: id });
  return c;
}

export function addCertificate(desk: Desk, input: ApiParsed<'addCertificate'>, operator = desk.requireOperator()): CertificateView {
  const p = findParticipant(desk, { participantId: input.participantId, via: 'search' });
  const number = certificateNumberIn(input.number);
  if (!CERTIFICATE_NUMBER.test(number) && !input.acceptOddNumber) throw new LoketError('certificate_number_invalid', { value: number });
  const existing = desk.certificates.byNumberValue(number);
  if (existing && existing.participant !== p.id) {
    throw new LoketError('certificate_number_taken', { number, owner: desk.view.get(existing.participant)?.name ?? '' });
  }
  const id = existing?.id ?? certificateIdFor(desk, number);
  desk.record(
    [{ type: 'certificate.added', body: { id, participant: p.id, number, products: input.products, issueDate: input.issueDate, status: input.status, source: null, prev: existing?.lastWrite ?? null } }],
    operator,
  );
  return certificateView(desk, desk.certificates.get(id)!);
}

function recipientText(desk: Desk, h: HandoverRecord): string {
  const r = h.recipient;
  return r.kind === 'owner' ? r.name : `${r.name} (${t(desk.lang, 'receipt.representative').toLowerCase()}, ${r.relationship ?? ''})`;
}

/**
 * The guided handover's last step: the certificate in hand must be this participant's, not yet
 * handed over (unless an organizer overrides with a reason, which voids the earlier handover in
 * the same transaction), and the recipient must be named and have signed.
 */
export async function handOver(
  desk: Desk,
  input: ApiParsed<'handOver'>,
  operator = desk.requireOperator(),
  options: { requireSignature: boolean; session?: Session } = { requireSignature: true },
): Promise<HandoverOutcome> {
  desk.requireEvent();
  const p = findParticipant(desk, { participantId: input.participantId, via: 'search' });
  const number = certificateNumberIn(input.number);
  const c = desk.certificates.byNumberValue(number);
  if (!c) throw new LoketError('certificate_not_found', { number });
  if (c.participant !== p.id) {
    const owner = desk.view.get(c.participant);
    throw new LoketError('wrong_envelope', { number, owner: owner?.name ?? '?', nib: owner?.nib ?? '-' });
  }
  if (c.listed === 'belum_terbit' && c.handovers.length === 0) throw new LoketError('certificate_not_issued', { number });
  const earlier = c.handovers[0];
  if (earlier && !input.overrideReason) {
    throw new LoketError('already_handed_over', {
      number,
      time: `${formatDate(desk.lang, hlcWall(earlier.hlc))} ${formatTime(desk.lang, hlcWall(earlier.hlc))}`,
      desk: desk.deskName(earlier.desk),
      operator: earlier.operator,
      recipient: recipientText(desk, earlier),
    });
  }
  if (earlier) requireOrganizer(desk, options.session ?? null);
  const r = input.recipient;
  const name = r.kind === 'owner' ? r.name || p.name : r.name;
  if (r.kind === 'representative' && (!r.name || !r.relationship)) throw new LoketError('representative_name_required');
  if (options.requireSignature && !input.signature) throw new LoketError('signature_required');

  const events: NewEvent[] = [];
  if (earlier) {
    events.push({ type: 'certificate.handover_voided', body: { certificate: c.id, handovers: c.handovers.map((h) => h.id), reason: input.overrideReason! } });
  }
  events.push({
    type: 'certificate.handed_over',
    body: {
      certificate: c.id,
      participant: p.id,
      recipient: {
        kind: r.kind,
        name: name!,
        relationship: r.kind === 'representative' ? r.relationship! : null,
        idNumberMasked: r.idNumber ? maskIdNumber(r.idNumber) : null,
        letterShown: r.kind === 'representative' && r.letterShown,
      },
      signature: input.signature,
      photo: input.photo,
      overrideReason: input.overrideReason ?? null,
    },
  });
  const paper = await receiptPaper(desk);
  desk.record(events, operator);
  const after = desk.certificates.get(c.id)!;
  return { certificate: certificateView(desk, after), receiptHtml: receiptHtml(desk, after, after.handovers.at(-1)!, paper) };
}

/** Receipts go to the desk's badge printer: a roll when it prints on rolls, A5 otherwise. */
async function receiptPaper(desk: Desk): Promise<'roll80' | 'a5'> {
  const layout = (await deskSettings(desk)).layout;
  return layout === 'thermal58' || layout === 'thermal80' ? 'roll80' : 'a5';
}

/** The receipt goes to the desk's printer silently under Electron; the browser fallback prints `html` itself. */
export async function printReceipt(desk: Desk, certificateId: string): Promise<{ mode: 'silent' | 'browser'; html: string }> {
  const c = requireCertificate(desk, certificateId);
  const h = c.handovers.at(-1);
  if (!h) throw new LoketError('certificate_not_found', { number: c.number });
  const settings = await deskSettings(desk);
  const html = receiptHtml(desk, c, h, await receiptPaper(desk));
  return { mode: await printDocument(desk, html, settings), html };
}

function receiptHtml(desk: Desk, c: CertificateState, h: HandoverRecord, paper: 'roll80' | 'a5'): string {
  const L = (key: Parameters<typeof t>[1]) => t(desk.lang, key);
  const p = desk.view.get(c.participant);
  const r = h.recipient;
  const at = hlcWall(h.hlc);
  const lines: [string, string][] = [
    [L('receipt.number'), c.number],
    [L('receipt.products'), c.products.join(', ') || '-'],
    [L('receipt.owner'), p?.name ?? ''],
    ['NIB', p?.nib ?? '-'],
    [L('receipt.business'), p?.business ?? ''],
    [L('receipt.recipient'), `${r.name} · ${r.kind === 'owner' ? L('receipt.inPerson') : L('receipt.representative')}`],
  ];
  if (r.kind === 'representative') {
    lines.push([L('receipt.relationship'), r.relationship ?? '-']);
    lines.push([L('receipt.idNumber'), r.idNumberMasked ?? '-']);
    lines.push([L('receipt.letter'), r.letterShown ? L('receipt.shown') : L('receipt.notShown')]);
  }
  lines.push([L('receipt.time'), `${formatDate(desk.lang, at)}, ${formatTime(desk.lang, at)}`]);
  lines.push([L('receipt.desk'), `${desk.deskName(h.desk)} / ${h.operator}`]);
  const event = desk.requireEvent();
  return renderReceipt(
    {
      title: L('receipt.title'),
      event: event.name,
      lines,
      signatureLabel: L('receipt.signature'),
      signature: h.signature,
      // The desk's name and its own record number ("Meja 2/481"), not the log's raw event ID.
      footer: t(desk.lang, 'receipt.footer', { desk: desk.deskName(h.desk), seq: h.id.slice(h.id.lastIndexOf(':') + 1) }),
    },
    paper,
    desk.lang,
  );
}

/** Undo a handover (organizer): every handover of the certificate this desk sees is voided. */
export function voidHandover(desk: Desk, input: ApiParsed<'voidHandover'>, operator = desk.requireOperator()): CertificateView {
  const c = requireCertificate(desk, input.certificateId);
  if (c.handovers.length === 0) throw new LoketError('certificate_not_found', { number: c.number });
  desk.record([{ type: 'certificate.handover_voided', body: { certificate: c.id, handovers: c.handovers.map((h) => h.id), reason: input.reason } }], operator);
  return certificateView(desk, desk.certificates.get(c.id)!);
}

/** The organizer keeps one of the competing handovers; the others it saw are dropped, as an event. */
export function resolveConflict(desk: Desk, input: ApiParsed<'resolveConflict'>, operator = desk.requireOperator()): CertificateView {
  const c = requireCertificate(desk, input.certificateId);
  if (!c.conflict || !c.handovers.some((h) => h.id === input.keep)) throw new LoketError('no_conflict');
  const drop = c.handovers.map((h) => h.id).filter((id) => id !== input.keep);
  desk.record([{ type: 'conflict.resolved', body: { certificate: c.id, keep: input.keep, drop, reason: input.reason } }], operator);
  return certificateView(desk, desk.certificates.get(c.id)!);
}
