import { describe, expect, it, vi } from 'vitest';
import { bridgeClient, httpClient, type LoketBridge } from '../../renderer/src/lib/client';

const OK = { ok: true, value: {} };

describe('the client module and its session token', () => {
  it('sends one unguessable token per page with every call, over HTTP and over the Electron bridge', async () => {
    const seen: string[] = [];
    const fetchImpl = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      seen.push(String((init?.headers as Record<string, string>)['X-Loket-Session']));
      return new Response(JSON.stringify(OK));
    });
    const page = httpClient('/api/', fetchImpl as typeof fetch);
    await page.deskInfo({});
    await page.unlockOrganizer({ pin: '12345678' });
    await httpClient('/api/', fetchImpl as typeof fetch).deskInfo({});
    expect(seen[0]).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).not.toBe(seen[0]);

    const invoke = vi.fn(async () => OK);
    const bridge = new Proxy({}, { get: () => invoke }) as unknown as LoketBridge;
    const electronPage = bridgeClient(bridge);
    await electronPage.status({});
    await electronPage.lockOrganizer({});
    const sessions = invoke.mock.calls.map((args: unknown[]) => args[1]);
    expect(sessions[0]).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(sessions[1]).toBe(sessions[0]);
  });
});
