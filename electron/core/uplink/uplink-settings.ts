import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Desk } from '../desk';
import { parseUplinkUrl, type UplinkTarget } from './uplink-url';

/**
 * The province server's URL, password included, as the organizer set it: a file of its own in the
 * data folder, readable by this user only (0600; under Windows the per-user profile's ACL), and not
 * in the database, so it never travels in a backup, a bundle, an export or to another desk. It is
 * read where it is used and never returned by the API, logged or printed: those show `label`.
 */
const FILE = 'uplink.json';

interface StoredSetting {
  url: string;
  insecure: boolean;
}

export function uplinkFile(desk: Desk): string {
  return join(desk.dataDir, FILE);
}

export function storedUplink(desk: Desk): StoredSetting | null {
  const file = uplinkFile(desk);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as StoredSetting;
}

/** The stored setting parsed; a stored URL is checked again, as the rules may have tightened since. */
export function storedTarget(desk: Desk): UplinkTarget | null {
  const setting = storedUplink(desk);
  return setting ? parseUplinkUrl(setting.url, setting.insecure) : null;
}

/** Check and store (or, with null, forget) the URL; written whole or not at all. */
export function storeUplink(desk: Desk, setting: StoredSetting | null): UplinkTarget | null {
  const file = uplinkFile(desk);
  if (setting === null) {
    rmSync(file, { force: true });
    desk.setMeta(STATE_KEY, null);
    return null;
  }
  const target = parseUplinkUrl(setting.url, setting.insecure);
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(setting), { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  // Another server: what the last one held says nothing about this one.
  if (uplinkState(desk)?.server !== target.label) desk.setMeta(STATE_KEY, null);
  return target;
}

/** What the last uplink run of this desk (in any process) learned; in the database, nothing secret. */
export interface UplinkState {
  server: string;
  /** Epoch ms of the last push that completed (events sent or nothing to send). */
  lastPushAt: number | null;
  /** Per desk, the highest seq the server held without a gap then. */
  held: Record<string, number>;
  error: { at: number; detail: string } | null;
}

const STATE_KEY = 'uplink_state';

export function uplinkState(desk: Desk): UplinkState | null {
  const raw = desk.meta(STATE_KEY);
  return raw ? (JSON.parse(raw) as UplinkState) : null;
}

export function saveUplinkState(desk: Desk, state: UplinkState): void {
  desk.setMeta(STATE_KEY, JSON.stringify(state));
}

/** Events this desk holds that the server did not, as of the last contact (null: never reached). */
export function eventsBehind(desk: Desk, state: UplinkState | null): number | null {
  if (!state || state.lastPushAt === null) return null;
  let behind = 0;
  for (const [deskId, seq] of Object.entries(desk.store.vector())) behind += Math.max(0, seq - (state.held[deskId] ?? 0));
  return behind;
}
