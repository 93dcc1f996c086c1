import type { CertificateView, HandoverView } from '../../../shared/api';
import { CERTIFICATE_NUMBER } from '../../../shared/domain/certificate-number';
import type { CertificateState, HandoverRecord } from '../../../shared/fold-certificate';
import { hlcWall } from '../../../shared/hlc';
import type { Desk } from '../desk';

export function handoverView(desk: Desk, h: HandoverRecord): HandoverView {
  return {
    id: h.id,
    at: hlcWall(h.hlc),
    deskName: desk.deskName(h.desk),
    operator: h.operator,
    recipient: h.recipient,
    signature: h.signature,
    photo: h.photo,
    overrideReason: h.overrideReason,
  };
}

export function certificateView(desk: Desk, c: CertificateState): CertificateView {
  const p = desk.view.get(c.participant);
  return {
    id: c.id,
    number: c.number,
    numberWarning: c.number !== '' && !CERTIFICATE_NUMBER.test(c.number),
    products: c.products,
    issueDate: c.issueDate,
    status: c.status,
    participantId: c.participant,
    participantName: p?.name ?? '',
    nib: p?.nib ?? null,
    regency: p?.regency ?? null,
    handovers: c.handovers.map((h) => handoverView(desk, h)),
    conflict: c.conflict,
  };
}
