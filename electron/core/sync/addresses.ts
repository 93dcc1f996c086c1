import { networkInterfaces } from 'node:os';

/** The http://host:port addresses peers can use to reach a desk listening on `host`. */
export function listenAddresses(host: string, port: number): string[] {
  if (host === '0.0.0.0' || host === '::') {
    const ips = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
    return ips.map((ip) => `http://${ip}:${port}`);
  }
  return [`http://${host.includes(':') ? `[${host}]` : host}:${port}`];
}
