import type { DeskInfo, JoinInvite, SyncOverview } from '../../../shared/api';
import { LoketError } from '../../../shared/errors';
import { CLOCK_WARNING_MS } from '../../../shared/hlc';
import type { Desk } from '../desk';
import { SyncRecords } from '../store/sync-records';
import { deskSync } from '../sync/running';
import { JoinCodeError } from '../sync/join-code';
import { invitation, joinQrDataUrl, joinWithCode, JoinRefused } from '../sync/join';
import { UPLINK_LOCAL_PEER, UPLINK_PEER_PREFIX } from '../uplink/push';
import { deskInfo } from './event-service';
import { checkOrganizerPin } from './organizer';

/** The sync screen: every desk this one knows of, what it holds and lacks of each, and integrity alarms. */
export function syncOverview(desk: Desk): SyncOverview {
  desk.refresh();
  const sync = deskSync(desk);
  // The running node's records also hold what peers advertised in the last seconds, not yet written.
  const records = sync?.node.records ?? new SyncRecords(desk.db);
  const vector = desk.store.vector();
  const advertised = records.advertised();
  const contacts = new Map(records.contacts().map((c) => [c.desk, c]));
  const linked = new Set(sync?.node.connections().flatMap((c) => (c.state === 'open' && c.session.peer ? [c.session.peer.desk] : [])) ?? []);
  const ids = [...new Set([desk.id, ...Object.keys(vector), ...Object.keys(advertised), ...contacts.keys()])];
  const desks = ids.map((id) => {
    const contact = contacts.get(id);
    const held = vector[id] ?? 0;
    return {
      id,
      name: desk.deskName(id),
      self: id === desk.id,
      linked: linked.has(id),
      lastContact: contact?.lastContact ?? null,
      held,
      lacking: Math.max(0, (advertised[id] ?? 0) - held),
      clockOffsetMs: contact?.clockOffsetMs ?? null,
      clockWarning: contact ? Math.abs(contact.clockOffsetMs) > CLOCK_WARNING_MS : false,
    };
  });
  // This desk first, then by name, so the list does not jump around as contacts come and go.
  desks.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return {
    lanSync: sync !== null,
    addresses: JSON.parse(desk.meta('sync_addresses') ?? '[]') as string[],
    desks,
    alarms: records.alarms().map((a) => {
      const viaBundle = a.peer.startsWith('bundle:');
      const viaUplink = a.peer.startsWith(UPLINK_PEER_PREFIX) ? 'server' : a.peer === UPLINK_LOCAL_PEER ? 'local' : null;
      return {
        desk: a.desk,
        deskName: desk.deskName(a.desk),
        seq: a.seq,
        kind: a.kind === 'differs' ? 'differs' : a.peer === desk.id ? 'damaged_here' : 'damaged',
        fromName:
          viaUplink === 'server' ? a.peer.slice(UPLINK_PEER_PREFIX.length) : viaUplink === 'local' ? desk.deskName(desk.id) : desk.deskName(viaBundle ? a.peer.slice('bundle:'.length) : a.peer),
        viaBundle,
        viaUplink,
        firstSeen: a.firstSeen,
        count: a.count,
      };
    }),
    refusals: sync?.node.refusals(desk.now()) ?? [],
    digest: desk.store.digest(),
  };
}

/**
 * The join QR and typed code for this desk's event. It carries the event secret, so the PIN is
 * asked again even in an organizer session: whoever stands at an unlocked desk cannot read it.
 */
export async function invite(desk: Desk, pin: string): Promise<JoinInvite> {
  await checkOrganizerPin(desk, pin);
  const { code, addresses } = invitation(desk);
  return { code, qrPngDataUrl: await joinQrDataUrl(code), addresses };
}

/**
 * First run on a new desk: take the event from another desk's join code and pull everything; the
 * desk's replication then relinks under the event's secret and keeps syncing with those desks.
 */
export async function joinEvent(desk: Desk, code: string): Promise<DeskInfo> {
  if (desk.event()) throw new LoketError('event_exists');
  try {
    await joinWithCode(desk, code);
  } catch (error) {
    if (error instanceof JoinCodeError) throw new LoketError('join_code_invalid');
    if (error instanceof JoinRefused) throw new LoketError('event_exists');
    throw error;
  }
  deskSync(desk)?.rekey();
  desk.refresh();
  return deskInfo(desk);
}
