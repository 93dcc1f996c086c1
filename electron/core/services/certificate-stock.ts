import type { DeskClosing, StockCounts, StockReport } from '../../../shared/api';
import { renderReceipt } from '../../../shared/documents/receipt-html';
import { regencyByCode } from '../../../shared/domain/regency';
import type { CertificateState } from '../../../shared/fold-certificate';
import { hlcWall } from '../../../shared/hlc';
import { formatDate, formatTime, t } from '../../../shared/i18n';
import type { Desk } from '../desk';

const zero = (): StockCounts => ({ listed: 0, notIssued: 0, inStock: 0, handedOwner: 0, handedRepresentative: 0 });

function count(into: StockCounts, c: CertificateState): void {
  into.listed++;
  const first = c.handovers[0];
  if (first) into[first.recipient.kind === 'owner' ? 'handedOwner' : 'handedRepresentative']++;
  else if (c.status === 'belum_terbit') into.notIssued++;
  else into.inStock++;
}

/** Certificates in the boxes, handed over in person or to a representative, per regency and per desk. */
export function stock(desk: Desk): StockReport {
  desk.refresh();
  const totals = zero();
  const regencies = new Map<string, StockCounts>();
  const desks = new Map<string, { handedOwner: number; handedRepresentative: number }>();
  for (const c of desk.certificates.all()) {
    count(totals, c);
    const code = desk.view.get(c.participant)?.regency ?? '';
    const r = regencies.get(code) ?? zero();
    count(r, c);
    regencies.set(code, r);
    const first = c.handovers[0];
    if (first) {
      const d = desks.get(first.desk) ?? { handedOwner: 0, handedRepresentative: 0 };
      d[first.recipient.kind === 'owner' ? 'handedOwner' : 'handedRepresentative']++;
      desks.set(first.desk, d);
    }
  }
  return {
    totals,
    byRegency: [...regencies].sort(([a], [b]) => (a || '99').localeCompare(b || '99')).map(([code, counts]) => ({ code, name: regencyByCode(code)?.name ?? '-', ...counts })),
    byDesk: [...desks].map(([id, counts]) => ({ desk: id, deskName: desk.deskName(id), ...counts })).sort((a, b) => a.deskName.localeCompare(b.deskName)),
  };
}

/** Like a cash drawer at closing time: what this desk handed over, what is still in stock; recorded in the log. */
export function closeDesk(desk: Desk, operator = desk.requireOperator()): DeskClosing {
  const report = stock(desk);
  const handedOver = [...desk.certificates.all()]
    .flatMap((c) => c.handovers.filter((h) => h.desk === desk.id).map((h) => ({ c, h })))
    .sort((a, b) => (a.h.hlc < b.h.hlc ? -1 : 1))
    .map(({ c, h }) => ({
      number: c.number,
      participantName: desk.view.get(c.participant)?.name ?? '',
      recipient: h.recipient.name,
      representative: h.recipient.kind === 'representative',
      at: hlcWall(h.hlc),
    }));
  desk.record([{ type: 'desk.closed', body: { handedOver: handedOver.length, inStock: report.totals.inStock } }], operator);
  const at = desk.now();
  const L = (key: Parameters<typeof t>[1]) => t(desk.lang, key);
  const html = renderReceipt(
    {
      title: L('receipt.closingTitle'),
      event: `${desk.requireEvent().name} · ${desk.deskName(desk.id)} · ${formatDate(desk.lang, at)} ${formatTime(desk.lang, at)}`,
      lines: [
        [L('receipt.closingHanded'), String(handedOver.length)],
        [L('receipt.closingInStock'), String(report.totals.inStock)],
        ...handedOver.map((h): [string, string] => [h.number, `${h.participantName} → ${h.recipient}${h.representative ? ` (${L('receipt.representative')})` : ''}`]),
      ],
      signatureLabel: `${L('receipt.closingSign')}: ${operator}`,
      signature: null,
      footer: desk.id,
    },
    'a5',
    desk.lang,
  );
  return { desk: desk.id, deskName: desk.deskName(desk.id), at, handedOver, inStock: report.totals.inStock, html };
}
