import type { UplinkOverview } from '../../../shared/api';
import type { Desk } from '../desk';
import { uplinkHost } from '../uplink/uplink-host';
import { eventsBehind, storedUplink, storeUplink, uplinkState } from '../uplink/uplink-settings';
import { parseUplinkUrl } from '../uplink/uplink-url';

/** The settings card: where the uplink goes (label only) and how it went, from any process's last run. */
export function uplinkOverview(desk: Desk): UplinkOverview {
  const setting = storedUplink(desk);
  const state = uplinkState(desk);
  const host = uplinkHost(desk);
  let server: string | null = null;
  if (setting) {
    try {
      server = parseUplinkUrl(setting.url, setting.insecure).label;
    } catch {
      // Refused by the rules (shown as the state's error); the label it had still names it.
      server = state?.server ?? null;
    }
  }
  return {
    server,
    insecure: setting?.insecure ?? false,
    running: host?.running ?? false,
    connected: host?.connected ?? false,
    lastPushAt: state?.lastPushAt ?? null,
    behind: eventsBehind(desk, state),
    error: state?.error ?? null,
  };
}

/** Store (checked first) or forget the province server, and let a serving desk's uplink follow. */
export async function setUplink(desk: Desk, input: { url: string | null; insecure: boolean }): Promise<UplinkOverview> {
  desk.requireEvent();
  storeUplink(desk, input.url === null ? null : { url: input.url, insecure: input.insecure });
  await uplinkHost(desk)?.restart();
  return uplinkOverview(desk);
}
