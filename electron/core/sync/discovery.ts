import { Bonjour } from 'bonjour-service';

/**
 * mDNS, only when the operator asks for it (`--announce`): a convenience where the venue Wi-Fi
 * passes multicast. The TXT record carries a tag derived from the secret, so desks find their own
 * event without the announcement revealing anything an eavesdropper could use.
 */
const SERVICE_TYPE = 'loket';

export interface Discovery {
  close(): void;
}

export function startDiscovery(options: { deskId: string; port: number; tag: string; onPeer(address: string): void }): Discovery {
  const bonjour = new Bonjour();
  bonjour.publish({ name: `loket-${options.deskId.slice(0, 12)}`, type: SERVICE_TYPE, port: options.port, txt: { e: options.tag, d: options.deskId } });
  const browser = bonjour.find({ type: SERVICE_TYPE }, (service) => {
    const txt = service.txt as Record<string, unknown> | undefined;
    if (txt?.['e'] !== options.tag || txt['d'] === options.deskId) return;
    for (const ip of service.addresses ?? []) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) options.onPeer(`http://${ip}:${service.port}`);
    }
  });
  return {
    close() {
      browser.stop();
      bonjour.unpublishAll(() => bonjour.destroy());
    },
  };
}
