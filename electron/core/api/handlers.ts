import type { ApiMethod, ApiParsed, ApiResults } from '../../../shared/api';
import type { Desk } from '../desk';
import { badge, batchBadges, confirmBadgePrint, deskSettings, printBadge, printTestPage, setDeskSettings } from '../services/badge-service';
import { commitCertificateImport, previewCertificateImport } from '../services/certificate-import-service';
import { closeDesk, stock } from '../services/certificate-stock';
import { conflicts } from '../services/conflicts';
import { addCertificate, certificates, handOver, printReceipt, resolveConflict, voidHandover } from '../services/handover-service';
import { checkIn, registerWalkIn, voidCheckIn, findParticipant } from '../services/checkin-service';
import {
  createEvent,
  deskInfo,
  lockOrganizer,
  setLanguage,
  signIn,
  signOut,
  unlockOrganizer,
} from '../services/event-service';
import { requireOrganizer, type Session } from '../services/organizer';
import { exportReport } from '../services/export-service';
import { backupNowService, backupOverview, changeBackupSettings } from '../services/backup-service';
import { privacyOverview, purgePersonalData, setRetention } from '../services/privacy-service';
import { setUplink, uplinkOverview } from '../services/uplink-service';
import { commitImport, importProblems, previewImport } from '../services/import-service';
import { reportSettings, setReportSettings } from '../services/report-settings';
import { search, status } from '../services/status-service';
import { dashboard } from '../services/dashboard-service';
import { invite, joinEvent, syncOverview } from '../services/sync-service';
import { lanSettings, setLanSettings } from '../services/lan-service';
import { toDetail } from '../services/views';

/** `session`: the calling client's token, so an organizer unlock holds for that client only. */
export type Handlers = { [M in ApiMethod]: (desk: Desk, input: ApiParsed<M>, session: Session) => ApiResults[M] | Promise<ApiResults[M]> };

/** Functions that change the event or its list: only after the organizer PIN, in this client. */
function organizer<M extends ApiMethod>(handler: Handlers[M]): Handlers[M] {
  return ((desk: Desk, input: ApiParsed<M>, session: Session) => {
    requireOrganizer(desk, session);
    return handler(desk, input, session);
  }) as Handlers[M];
}

/** One handler per contract method; a method without one does not compile. */
export const handlers: Handlers = {
  deskInfo: (desk, _input, session) => deskInfo(desk, session),
  setLanguage: (desk, input, session) => setLanguage(desk, input.lang, session),
  createEvent: (desk, input, session) => createEvent(desk, input, session),
  signIn: (desk, input, session) => signIn(desk, input.name, session),
  signOut: (desk) => signOut(desk),
  unlockOrganizer: (desk, input, session) => unlockOrganizer(desk, input.pin, session),
  lockOrganizer: (desk, _input, session) => lockOrganizer(desk, session),
  search: (desk, input) => search(desk, input.query, input.limit),
  participant: (desk, input) =>
    toDetail(desk, findParticipant(desk, 'code' in input ? { code: input.code } : { participantId: input.id, via: 'search' })),
  checkIn: (desk, input) => checkIn(desk, input),
  voidCheckIn: (desk, input) => voidCheckIn(desk, input),
  registerWalkIn: (desk, input) => registerWalkIn(desk, input),
  previewImport: organizer<'previewImport'>((desk, input) => previewImport(desk, input)),
  commitImport: organizer<'commitImport'>((desk, input) => commitImport(desk, input)),
  importProblems: organizer<'importProblems'>((desk, input) => importProblems(desk, input)),
  status: (desk) => status(desk),
  badge: (desk, input) => badge(desk, input),
  printBadge: (desk, input) => printBadge(desk, input),
  confirmBadgePrint: (desk, input) => confirmBadgePrint(desk, input),
  printTestPage: (desk) => printTestPage(desk),
  deskSettings: (desk) => deskSettings(desk),
  setDeskSettings: organizer<'setDeskSettings'>((desk, input) => setDeskSettings(desk, input)),
  certificates: (desk, input) => certificates(desk, input.participantId),
  addCertificate: organizer<'addCertificate'>((desk, input) => addCertificate(desk, input)),
  previewCertificateImport: organizer<'previewCertificateImport'>((desk, input) => previewCertificateImport(desk, input)),
  commitCertificateImport: organizer<'commitCertificateImport'>((desk, input) => commitCertificateImport(desk, input)),
  handOver: (desk, input, session) => handOver(desk, input, desk.requireOperator(), { requireSignature: true, session }),
  voidHandover: organizer<'voidHandover'>((desk, input) => voidHandover(desk, input)),
  conflicts: (desk) => conflicts(desk),
  resolveConflict: organizer<'resolveConflict'>((desk, input) => resolveConflict(desk, input)),
  stock: (desk) => stock(desk),
  closeDesk: (desk) => closeDesk(desk),
  printReceipt: (desk, input) => printReceipt(desk, input.certificateId),
  batchBadges: organizer<'batchBadges'>(async (desk, input) => {
    const { fileName, contentBase64 } = await batchBadges(desk, input);
    return { fileName, contentBase64 };
  }),
  syncStatus: (desk) => syncOverview(desk),
  invite: organizer<'invite'>((desk, input) => invite(desk, input.pin)),
  joinEvent: (desk, input) => joinEvent(desk, input.code),
  exportDay: organizer<'exportDay'>((desk, input) => exportReport(desk, input)),
  lanSettings: (desk) => lanSettings(desk),
  setLanSettings: organizer<'setLanSettings'>((desk, input) => setLanSettings(desk, input.enabled)),
  backupOverview: organizer<'backupOverview'>((desk) => backupOverview(desk)),
  setBackupSettings: organizer<'setBackupSettings'>((desk, input) => changeBackupSettings(desk, input)),
  backupNow: organizer<'backupNow'>((desk) => backupNowService(desk)),
  uplinkOverview: organizer<'uplinkOverview'>((desk) => uplinkOverview(desk)),
  setUplink: organizer<'setUplink'>((desk, input) => setUplink(desk, input)),
  privacyOverview: (desk) => privacyOverview(desk),
  setRetention: organizer<'setRetention'>((desk, input) => setRetention(desk, input.date)),
  purgePersonalData: organizer<'purgePersonalData'>((desk, input) => purgePersonalData(desk, input.pin)),
  reportSettings: organizer<'reportSettings'>((desk) => reportSettings(desk)),
  setReportSettings: organizer<'setReportSettings'>((desk, input) => setReportSettings(desk, input)),
  // Per-operator figures are for organizers; the big screen carries none, so a projector outlives the PIN session.
  dashboard: (desk, input, session) => {
    if (!input.bigScreen) requireOrganizer(desk, session);
    return dashboard(desk, { bigScreen: input.bigScreen });
  },
};
