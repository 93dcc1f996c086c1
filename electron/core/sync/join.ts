import QRCode from 'qrcode';
import type { WireError } from '../../../shared/errors';
import { toWireError } from '../api/wire-error';
import type { Desk } from '../desk';
import { SyncRecords } from '../store/sync-records';
import { decodeJoinCode, encodeJoinCode, JoinCodeError } from './join-code';
import { SECRET_PATTERN } from './keys';
import { syncOnce, type OnceResult } from './sync-once';

/** Joining and inviting, shared by the CLI (`loket invite`, `loket join`) and the desk's UI. */

export interface Invitation {
  code: string;
  eventId: string;
  addresses: string[];
}

/** The join code for this desk's event, carrying the addresses this desk serves at (and any given). */
export function invitation(desk: Desk, extraAddresses: readonly string[] = []): Invitation {
  const event = desk.requireEvent();
  // Written by the process that serves this data folder, which may not be the one asking.
  const served = JSON.parse(desk.meta('sync_addresses') ?? '[]') as string[];
  const addresses = [...new Set([...extraAddresses, ...served])];
  return { code: encodeJoinCode({ eventId: event.eventId, secret: desk.secret, addresses }), eventId: event.eventId, addresses };
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2, width: 480 } as const;

export function joinQrPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { ...QR_OPTIONS, type: 'png' });
}

export function joinQrDataUrl(code: string): Promise<string> {
  return QRCode.toDataURL(code, { ...QR_OPTIONS, type: 'image/png' });
}

export interface JoinOutcome {
  eventId: string;
  /** The address it pulled from, or null when no desk in the code answered (yet). */
  from: string | null;
  result: OnceResult | null;
  /** Why each address tried before (or instead of) the one it pulled from gave nothing. */
  failures: { address: string; error: WireError }[];
}

/** The desk holds another event: joining would mix two events' data. */
export class JoinRefused extends Error {}

/**
 * Take the event secret from the code (keeping this desk's own ID), remember the code's addresses
 * as peers, and pull everything from the first that answers. With none reachable the secret and
 * peers stay stored, so a serving desk keeps trying them.
 */
export async function joinWithCode(desk: Desk, code: string): Promise<JoinOutcome> {
  const info = decodeJoinCode(code);
  if (!SECRET_PATTERN.test(info.secret)) throw new JoinCodeError('the join code carries no valid secret');
  if (desk.store.count() > 0 && desk.event()?.eventId !== info.eventId) {
    throw new JoinRefused('this desk already holds another event: join with an empty data folder');
  }
  desk.setMeta('event_secret', info.secret);
  const records = new SyncRecords(desk.db);
  for (const address of info.addresses) records.addPeer(address, 'join');
  const failures: JoinOutcome['failures'] = [];
  for (const address of info.addresses) {
    try {
      return { eventId: info.eventId, from: address, result: await syncOnce(desk, address), failures };
    } catch (error) {
      failures.push({ address, error: toWireError(error) });
    }
  }
  return { eventId: info.eventId, from: null, result: null, failures };
}
