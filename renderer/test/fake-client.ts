import { vi } from 'vitest';
import type {
  ReportSettings,
  BadgeDocument,
  BadgeLayout,
  CheckinOutcome,
  DeskInfo,
  DeskSettings,
  LanSettings,
  PrintOutcome,
  LoketClient,
  ParticipantDetail,
  ParticipantSummary,
  Status,
  SyncOverview,
  UplinkOverview,
} from '../../shared/api';
import { LoketClientError } from '../src/lib/client';

/** 09.30 WITA on the event day. */
export const AT_0930 = Date.UTC(2024, 4, 21, 1, 30);
/** 08.15 WITA on the event day. */
export const AT_0815 = Date.UTC(2024, 4, 21, 0, 15);

export function person(over: Partial<ParticipantDetail> & { id: string; name: string }): ParticipantDetail {
  return {
    nib: null,
    business: '',
    regency: '63.72',
    regencyName: 'Kota Banjarbaru',
    phone: null,
    walkIn: false,
    present: false,
    checkin: null,
    district: '',
    address: '',
    productType: '',
    productName: '',
    source: null,
    history: [],
    editConflicts: [],
    badges: [],
    ...over,
  };
}

export const DESK_INFO: DeskInfo = {
  event: {
    eventId: 'evt-test-0001',
    name: 'Percepatan Fasilitasi 1000 Sertifikasi Halal Self Declare',
    date: '2024-05-21',
    venue: 'Aula Idham Khalid',
    timezone: 'Asia/Makassar',
    nibRequired: true,
    demo: false,
    regencies: [
      { code: '63.71', name: 'Kota Banjarmasin', target: 200 },
      { code: '63.72', name: 'Kota Banjarbaru', target: 160 },
    ],
  },
  desk: { id: 'desk-a', name: 'Meja 1', operator: 'Rina', dataDir: '/tmp/x', events: 10 },
  lang: 'id',
  organizerUntil: null,
};

const summary = (p: ParticipantDetail): ParticipantSummary => ({
  id: p.id,
  nib: p.nib,
  name: p.name,
  business: p.business,
  regency: p.regency,
  regencyName: p.regencyName,
  phone: p.phone,
  walkIn: p.walkIn,
  present: p.present,
  checkin: p.checkin,
});

/** The signed badge code of a participant in the fake desk (the real one is ~130 base32 characters). */
export function badgeCode(id: string): string {
  return `LK1${id.toUpperCase().replace(/[^A-Z0-9]/g, '')}AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
}

export const JOIN_CODE = 'LOKET-04ABC-DEFGH';

/**
 * Three desks as desk-a sees them: one linked, one with a clock two minutes fast, one known only
 * through others; and two that answered but were refused (an older Loket, another event).
 */
export const SYNC_OVERVIEW: SyncOverview = {
  lanSync: true,
  addresses: ['http://192.168.1.10:4317'],
  desks: [
    { id: 'desk-a', name: 'Meja 1', self: true, linked: false, lastContact: null, held: 10, lacking: 0, clockOffsetMs: null, clockWarning: false },
    { id: 'desk-b', name: 'Meja 2', self: false, linked: true, lastContact: AT_0930, held: 42, lacking: 0, clockOffsetMs: 800, clockWarning: false },
    { id: 'desk-c', name: 'Meja 3', self: false, linked: false, lastContact: AT_0815, held: 5, lacking: 7, clockOffsetMs: 120_000, clockWarning: true },
  ],
  alarms: [
    { desk: 'desk-c', deskName: 'Meja 3', seq: 4, kind: 'differs', fromName: 'Meja 2', viaBundle: false, viaUplink: null, firstSeen: AT_0930, count: 1 },
    { desk: 'desk-b', deskName: 'Meja 2', seq: 10, kind: 'damaged', fromName: 'Meja 2', viaBundle: false, viaUplink: null, firstSeen: AT_0930, count: 2 },
    { desk: 'desk-a', deskName: 'Meja 1', seq: 7, kind: 'damaged_here', fromName: 'Meja 1', viaBundle: false, viaUplink: null, firstSeen: AT_0930, count: 1 },
  ],
  refusals: [
    { address: '192.168.1.23', reason: 'other_event', at: AT_0930 },
    { address: '192.168.1.14', reason: 'older_version', at: AT_0930 },
  ],
  digest: 'abc',
};

/** An in-memory desk: enough of the contract for the check-in screen. */
export const REPORT_SETTINGS: ReportSettings = {
  signatories: [],
  template: '{"sheet":"Peserta","file":"peserta.csv","columns":[{"header":"NIB","field":"nib"}]}\n',
  columns: ['No', 'NIB', 'Nama Pelaku Usaha'],
  customTemplate: false,
};

const NO_UPLINK: UplinkOverview = { server: null, insecure: false, running: true, connected: false, lastPushAt: null, behind: null, error: null };

export function fakeClient(people: ParticipantDetail[], settings: Partial<DeskSettings> = {}) {
  const byId = new Map(people.map((p) => [p.id, structuredClone(p)]));
  let desk: DeskSettings = { printMode: 'never', layout: 'a6', printer: null, printers: [], ...settings };
  let uplink: UplinkOverview = { ...NO_UPLINK };
  /** As the Electron desk answers: LAN sync available, off. */
  let lan: LanSettings = { enabled: false, available: true, listening: false, port: null, addresses: [] };
  const badgeHtml = (p: ParticipantDetail, layout: BadgeLayout) =>
    `<!doctype html><html><head><style>@page { size: A6 }</style></head><body><h1>${p.name}</h1><p>${layout}</p></body></html>`;
  const find = (input: { participantId?: string; nib?: string; code?: string }): ParticipantDetail | undefined => {
    if (input.participantId) return byId.get(input.participantId);
    const code = (input.code ?? input.nib ?? '').trim();
    if (code.startsWith('LK1')) {
      const hit = [...byId.values()].find((p) => badgeCode(p.id) === code);
      if (!hit) throw new LoketClientError('qr_forged');
      return hit;
    }
    if (!/^\d{13}$/.test(code)) throw new LoketClientError('qr_unreadable');
    return [...byId.values()].find((p) => p.nib === code);
  };
  const status = (): Status => {
    const all = [...byId.values()];
    return {
      participants: all.length,
      checkedIn: all.filter((p) => p.present).length,
      walkIns: 0,
      byRegency: DESK_INFO.event!.regencies.map((r) => ({
        ...r,
        participants: all.filter((p) => p.regency === r.code).length,
        checkedIn: all.filter((p) => p.regency === r.code && p.present).length,
      })),
      unknownRegency: { participants: 0, checkedIn: 0 },
      desk: DESK_INFO.desk,
    };
  };
  const client = {
    deskInfo: vi.fn(async () => DESK_INFO),
    status: vi.fn(async () => status()),
    search: vi.fn(async ({ query }: { query: string }) => {
      const q = query.toLowerCase().replace(/\s+/g, '');
      return [...byId.values()]
        .filter((p) => [p.name, p.business, p.nib ?? ''].some((f) => f.toLowerCase().replace(/\s+/g, '').includes(q)))
        .map(summary);
    }),
    participant: vi.fn(async ({ id }: { id: string }) => {
      const p = byId.get(id);
      if (!p) throw new LoketClientError('participant_not_found');
      return structuredClone(p);
    }),
    checkIn: vi.fn(async (input: { participantId?: string; nib?: string; code?: string; via?: string }): Promise<CheckinOutcome> => {
      const p = find(input);
      if (!p) throw new LoketClientError('participant_not_found');
      if (p.present) return { status: 'already_present', participant: structuredClone(p) };
      p.present = true;
      const via = input.via ?? (input.code?.startsWith('LK1') ? 'qr' : input.code ? 'nib' : 'search');
      p.checkin = { id: 'desk-a:99', at: AT_0930, desk: 'desk-a', deskName: 'Meja 1', operator: 'Rina', via };
      return { status: 'checked_in', participant: structuredClone(p) };
    }),
    voidCheckIn: vi.fn(async ({ participantId, reason }: { participantId: string; reason: string }): Promise<ParticipantDetail> => {
      const p = byId.get(participantId);
      if (!p) throw new LoketClientError('participant_not_found');
      if (!p.present) throw new LoketClientError('not_present', { name: p.name });
      p.present = false;
      p.checkin = null;
      p.history.push({ at: AT_0930, desk: 'desk-a', deskName: 'Meja 1', operator: 'Rina', action: 'checkin.voided', detail: reason });
      return structuredClone(p);
    }),
    badge: vi.fn(async ({ participantId, layout }: { participantId: string; layout?: BadgeLayout }): Promise<BadgeDocument> => {
      const p = byId.get(participantId);
      if (!p) throw new LoketClientError('participant_not_found');
      const chosen = layout ?? desk.layout;
      return { layout: chosen, code: badgeCode(p.id), html: badgeHtml(p, chosen), alreadyPrinted: p.badges.at(-1) ?? null };
    }),
    printBadge: vi.fn(async ({ participantId, layout, reason }: { participantId: string; layout?: BadgeLayout; reason?: string }): Promise<PrintOutcome> => {
      const p = byId.get(participantId);
      if (!p) throw new LoketClientError('participant_not_found');
      if (p.badges.length > 0 && !reason) throw new LoketClientError('reprint_reason_required');
      const chosen = layout ?? desk.layout;
      // The browser fallback: nothing counts as printed until the operator confirms it.
      return { mode: 'browser', html: badgeHtml(p, chosen), layout: chosen, participant: structuredClone(p) };
    }),
    confirmBadgePrint: vi.fn(async ({ participantId, layout, reason }: { participantId: string; layout: BadgeLayout; reason?: string }): Promise<ParticipantDetail> => {
      const p = byId.get(participantId);
      if (!p) throw new LoketClientError('participant_not_found');
      if (p.badges.length > 0 && !reason) throw new LoketClientError('reprint_reason_required');
      p.badges.push({ at: AT_0930, deskName: 'Meja 1', operator: 'Rina', layout, reason: reason ?? null });
      return structuredClone(p);
    }),
    printTestPage: vi.fn(async () => ({ mode: 'browser' as const, html: '<!doctype html><p>Uji</p>' })),
    deskSettings: vi.fn(async () => structuredClone(desk)),
    setDeskSettings: vi.fn(async (input: Partial<Omit<DeskSettings, 'printers'>>) => {
      desk = { ...desk, ...input };
      return structuredClone(desk);
    }),
    batchBadges: vi.fn(async ({ regency }: { regency?: string }) => ({
      fileName: `Kartu Peserta ${regency ?? 'Semua'}.pdf`,
      contentBase64: 'JVBERi0xLjQK',
    })),
    lockOrganizer: vi.fn(async () => ({ ...DESK_INFO, organizerUntil: null })),
    unlockOrganizer: vi.fn(async ({ pin }: { pin: string }) => {
      if (pin !== '12345678') throw new LoketClientError('wrong_pin');
      return { ...DESK_INFO, organizerUntil: Date.now() + 600_000 };
    }),
    uplinkOverview: vi.fn(async () => structuredClone(uplink)),
    setUplink: vi.fn(async ({ url }: { url: string | null; insecure?: boolean }) => {
      uplink = url === null ? { ...NO_UPLINK } : { ...NO_UPLINK, server: url.replace(/:[^:@/]*@/, '@').replace(/^postgres:\/\//, '').replace(/\?.*$/, ''), running: true };
      return structuredClone(uplink);
    }),
    lanSettings: vi.fn(async () => structuredClone(lan)),
    setLanSettings: vi.fn(async ({ enabled }: { enabled: boolean }) => {
      lan = { ...lan, enabled, listening: enabled, port: enabled ? 4318 : null, addresses: enabled ? ['http://192.168.1.10:4318'] : [] };
      return structuredClone(lan);
    }),
    syncStatus: vi.fn(async () => structuredClone(SYNC_OVERVIEW)),
    invite: vi.fn(async () => ({ code: JOIN_CODE, qrPngDataUrl: 'data:image/png;base64,iVBORw0KGgo=', addresses: ['http://192.168.1.10:4317'] })),
    joinEvent: vi.fn(async ({ code }: { code: string }) => {
      if (code.toUpperCase().replace(/[\s-]/g, '') !== JOIN_CODE.replace(/-/g, '')) throw new LoketClientError('join_code_invalid');
      return DESK_INFO;
    }),
    privacyOverview: vi.fn(async () => ({ retentionDate: '2024-08-31', retentionPassed: false, exportedAt: null, personalSinceExport: null, purged: false })),
    exportDay: vi.fn(async ({ separator }: { separator?: ';' | ',' }) => ({
      folder: '/tmp/x/ekspor/2024-05-21_173005',
      files: [{ name: 'laporan-harian.xlsx', sha256: 'a'.repeat(64) }, { name: separator === ',' ? 'rekap.csv' : 'peserta.csv', sha256: 'b'.repeat(64) }],
      complete: false,
      warnings: ['Meja 2 (abcdefgh) terakhir tersinkron pukul 09.30 WITA: peristiwa sesudahnya mungkin belum masuk ekspor ini.'],
    })),
    reportSettings: vi.fn(async () => structuredClone(REPORT_SETTINGS)),
    setReportSettings: vi.fn(async (input: { signatories?: ReportSettings['signatories']; template?: string | null }) => {
      if (typeof input.template === 'string' && !input.template.includes('"columns"')) throw new LoketClientError('template_invalid', { problem: 'columns: Required' });
      return { ...structuredClone(REPORT_SETTINGS), ...(input.signatories ? { signatories: input.signatories } : {}), ...(input.template ? { customTemplate: true, columns: ['NIB PU'] } : {}) };
    }),
  };
  return client as typeof client & LoketClient;
}
