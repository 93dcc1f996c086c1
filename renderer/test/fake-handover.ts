import { vi } from 'vitest';
import type {
  ApiResults,
  CertificateView,
  ConflictView,
  DeskClosing,
  HandoverOutcome,
  ImportResult,
  LoketClient,
  ParticipantDetail,
  StockReport,
} from '../../shared/api';
import { LoketClientError } from '../src/lib/client';
import { AT_0930, fakeClient } from './fake-client';

export function certificate(over: Partial<CertificateView> & { id: string; number: string; participantId: string }): CertificateView {
  return {
    numberWarning: false,
    products: ['Amplang Ikan Pipih'],
    issueDate: '2024-04-02',
    status: 'tersedia',
    participantName: '',
    nib: null,
    regency: '63.72',
    handovers: [],
    conflict: false,
    ...over,
  };
}

type HandOverInput = Parameters<LoketClient['handOver']>[0];

/** The fake desk of fake-client.ts plus certificates: enough of the handover contract for the screens. */
export function fakeHandoverClient(people: ParticipantDetail[], certs: CertificateView[], options: { conflicts?: ConflictView[] } = {}) {
  const base = fakeClient(people);
  const byId = new Map(certs.map((c) => [c.id, structuredClone(c)]));
  const owner = (participantId: string) => people.find((p) => p.id === participantId);
  let organizerUntil: number | null = null;
  let conflicts = structuredClone(options.conflicts ?? []);
  let seq = 0;
  const receiptHtml = (c: CertificateView) =>
    `<!doctype html><html><body><h1>TANDA TERIMA SERTIFIKAT HALAL</h1><p>${c.number}</p><p>${c.handovers.at(-1)?.recipient.name ?? ''}</p></body></html>`;
  const emptyResult: ImportResult = { rows: 2, imported: 1, updated: 0, unchanged: 0, errors: [], warnings: [] };

  const client = {
    ...base,
    unlockOrganizer: vi.fn(async ({ pin }: { pin: string }) => {
      if (pin !== '12345678') throw new LoketClientError('wrong_pin');
      organizerUntil = Date.now() + 600_000;
      return { ...(await base.deskInfo()), organizerUntil };
    }),
    certificates: vi.fn(async ({ participantId }: { participantId: string }) =>
      structuredClone([...byId.values()].filter((c) => c.participantId === participantId)),
    ),
    handOver: vi.fn(async (input: HandOverInput): Promise<HandoverOutcome> => {
      const c = [...byId.values()].find((x) => x.number === input.number);
      if (!c) throw new LoketClientError('certificate_not_found', { number: input.number });
      if (c.participantId !== input.participantId) {
        throw new LoketClientError('wrong_envelope', { number: c.number, owner: c.participantName, nib: c.nib ?? '—' });
      }
      if (c.status === 'belum_terbit') throw new LoketClientError('certificate_not_issued', { number: c.number });
      if (c.status === 'diserahkan' && !input.overrideReason) {
        const h = c.handovers.at(-1)!;
        throw new LoketClientError('already_handed_over', { number: c.number, time: '10.15 WITA', desk: h.deskName, operator: h.operator, recipient: h.recipient.name });
      }
      if (input.overrideReason && !(organizerUntil && organizerUntil > Date.now())) throw new LoketClientError('organizer_locked');
      if (!input.signature) throw new LoketClientError('signature_required');
      const r = input.recipient;
      if (r.kind === 'representative' && (!r.name || !r.relationship)) throw new LoketClientError('representative_name_required');
      c.status = 'diserahkan';
      c.handovers.push({
        id: `desk-a:${++seq}`,
        at: AT_0930,
        deskName: 'Meja 1',
        operator: 'Rina',
        recipient: {
          kind: r.kind,
          name: r.name ?? owner(c.participantId)?.name ?? '',
          relationship: r.relationship ?? null,
          idNumberMasked: r.idNumber ? `${r.idNumber.slice(0, 4)}••••${r.idNumber.slice(-4)}` : null,
          letterShown: r.letterShown ?? false,
        },
        signature: input.signature,
        photo: input.photo ?? null,
        overrideReason: input.overrideReason ?? null,
      });
      return { certificate: structuredClone(c), receiptHtml: receiptHtml(c) };
    }),
    voidHandover: vi.fn(async ({ certificateId }: { certificateId: string; reason: string }) => {
      if (!(organizerUntil && organizerUntil > Date.now())) throw new LoketClientError('organizer_locked');
      const c = byId.get(certificateId);
      if (!c) throw new LoketClientError('certificate_not_found', { number: certificateId });
      c.handovers = [];
      c.status = 'tersedia';
      return structuredClone(c);
    }),
    printReceipt: vi.fn(async ({ certificateId }: { certificateId: string }): Promise<ApiResults['printReceipt']> => ({ mode: 'browser', html: receiptHtml(byId.get(certificateId)!) })),
    conflicts: vi.fn(async () => structuredClone(conflicts)),
    resolveConflict: vi.fn(async ({ certificateId, keep }: { certificateId: string; keep: string; reason: string }) => {
      if (!(organizerUntil && organizerUntil > Date.now())) throw new LoketClientError('organizer_locked');
      const item = conflicts.find((x) => x.kind === 'handover' && x.certificate.id === certificateId);
      if (!item || item.kind !== 'handover') throw new LoketClientError('no_conflict');
      conflicts = conflicts.filter((x) => x !== item);
      const c = { ...item.certificate, handovers: item.certificate.handovers.filter((h) => h.id === keep), conflict: false };
      return c;
    }),
    stock: vi.fn(
      async (): Promise<StockReport> => ({
        totals: { listed: 3, notIssued: 1, inStock: 1, handedOwner: 1, handedRepresentative: 0 },
        byRegency: [{ code: '63.72', name: 'Kota Banjarbaru', listed: 3, notIssued: 1, inStock: 1, handedOwner: 1, handedRepresentative: 0 }],
        byDesk: [{ desk: 'desk-a', deskName: 'Meja 1', handedOwner: 1, handedRepresentative: 0 }],
      }),
    ),
    closeDesk: vi.fn(
      async (): Promise<DeskClosing> => ({
        desk: 'desk-a',
        deskName: 'Meja 1',
        at: AT_0930,
        handedOver: [],
        inStock: 1,
        html: '<!doctype html><h1>BERITA ACARA PENUTUPAN MEJA</h1>',
      }),
    ),
    addCertificate: vi.fn(async () => {
      throw new LoketClientError('internal');
    }),
    previewCertificateImport: vi.fn(async () => emptyResult),
    commitCertificateImport: vi.fn(async () => emptyResult),
  };
  return client as typeof client & LoketClient;
}
