import { networkInterfaces } from 'node:os';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host);
}

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
