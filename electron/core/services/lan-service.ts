import type { LanSettings } from '../../../shared/api';
import type { Desk } from '../desk';
import { lanReplication, lanSyncEnabled, setLanSyncEnabled } from '../sync/lan-replication';

/** LAN sync of the desk with a window: whether it accepts and announces, and where it is reachable. */
export function lanSettings(desk: Desk): LanSettings {
  const replication = lanReplication(desk);
  return {
    enabled: lanSyncEnabled(desk),
    available: replication !== null,
    listening: replication?.listening ?? false,
    port: replication?.port ?? null,
    addresses: replication?.listening ? (JSON.parse(desk.meta('sync_addresses') ?? '[]') as string[]) : [],
  };
}

export async function setLanSettings(desk: Desk, enabled: boolean): Promise<LanSettings> {
  setLanSyncEnabled(desk, enabled);
  await lanReplication(desk)?.apply();
  return lanSettings(desk);
}
