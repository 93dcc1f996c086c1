import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { PIN } from '../helpers/desk-fixture';
import { requireBuild } from '../helpers/built-core';
import { runCli } from '../helpers/cli';
import { useServedDesk } from '../helpers/served-desk';

const serve = useServedDesk();

function raw(port: number, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser fallback server', () => {
  beforeAll(requireBuild);

  it('answers the API on loopback with the same contract as the kiosk', async () => {
    const { server } = await serve();
    const res = await fetch(`${server.url}api/checkIn`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Loket-Client': '1' },
      body: JSON.stringify({ nib: '0123456789012' }),
    });
    const result = (await res.json()) as { ok: boolean; value: { status: string } };
    expect(result).toMatchObject({ ok: true, value: { status: 'checked_in' } });
  });

  it('serves the UI with a strict Content-Security-Policy', async () => {
    const { server } = await serve();
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain('<div id="app">');
  });

  it('refuses foreign Host headers, cross-site origins and calls without the client header', async () => {
    const { server, desk } = await serve();
    const body = JSON.stringify({ nib: '0123456789012' });
    const json = { 'Content-Type': 'application/json' };
    expect((await raw(server.port, '/api/checkIn', { ...json, Host: 'evil.example:80', 'X-Loket-Client': '1' }, body)).status).toBe(421);
    expect((await raw(server.port, '/api/checkIn', { ...json, Host: `127.0.0.1:${server.port}` }, body)).status).toBe(403);
    expect(
      (await raw(server.port, '/api/checkIn', { ...json, Host: `127.0.0.1:${server.port}`, 'X-Loket-Client': '1', Origin: 'http://evil.example' }, body)).status,
    ).toBe(403);
    expect((await raw(server.port, '/../../etc/passwd', { Host: `127.0.0.1:${server.port}` })).body).not.toContain('root:');
    expect(desk.view.byNibValue('0123456789012')!.checkins).toEqual([]);
  });

  it('answers malformed JSON with a bad_request result, not a crash', async () => {
    const { server } = await serve();
    const res = await fetch(`${server.url}api/search`, { method: 'POST', headers: { 'X-Loket-Client': '1' }, body: '{"query":' });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('answers a body over the limit with 413, whether its length is declared or not, and not with a reset', async () => {
    const { server } = await serve();
    const body = Buffer.alloc(141 * 2 ** 20, 0x20);
    const declared = await fetch(`${server.url}api/previewImport`, { method: 'POST', headers: { 'X-Loket-Client': '1' }, body });
    expect(declared.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/previewImport', method: 'POST', headers: { 'X-Loket-Client': '1', 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let at = 0; at < body.length; at += 2 ** 20) req.write(body.subarray(at, at + 2 ** 20));
      req.end();
    });
    expect(chunked).toBe(413);
  });

  it('holds an organizer unlock for the page whose session token typed the PIN, not for another local client', async () => {
    const { server } = await serve();
    const call = async (method: string, body: object, session?: string) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Loket-Client': '1', ...(session ? { 'X-Loket-Session': session } : {}) };
      return (await (await fetch(`${server.url}api/${method}`, { method: 'POST', headers, body: JSON.stringify(body) })).json()) as { ok: boolean; error?: { code: string } };
    };
    const organizer = 'organizer-tab-session-token-01';
    expect(await call('unlockOrganizer', { pin: PIN }, organizer)).toMatchObject({ ok: true });
    expect(await call('backupOverview', {}, organizer)).toMatchObject({ ok: true });
    for (const other of ['another-tab-session-token-002', undefined]) {
      expect(await call('backupOverview', {}, other)).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
      expect(await call('invite', { pin: PIN }, other)).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
    }
  });

  it('pushes a change to open screens when a CLI process checks someone in on the same data folder', async () => {
    const { server, desk, dir } = await serve();
    const changed = new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/changes' }, (res) => {
        res.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('event: change')) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') || e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
    const cli = await runCli(['checkin', '--data', dir, '--nib', '0123456789012', '--json']);
    expect(cli.code).toBe(0);
    await changed;
    expect(desk.view.byNibValue('0123456789012')!.checkins).toHaveLength(1);
  });
});
