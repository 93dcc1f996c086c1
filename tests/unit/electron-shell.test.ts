import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, resetFake } from './electron-fake';

vi.mock('electron', async () => (await import('./electron-fake')).fakeElectron());

const { createHardenedWindow, installPermissionPolicy, lockDownAllContents } = await import('../../electron/main/window-factory');
const { registerIpc } = await import('../../electron/main/ipc');
const { registerAppScheme, serveRenderer } = await import('../../electron/main/app-protocol');
const { CONTENT_SECURITY_POLICY } = await import('../../electron/core/server/http-server');
const { API_METHODS } = await import('../../shared/api-methods');
const { SHELL_CHANNELS } = await import('../../shared/shell-api');

const { openEventDesk, PIN } = await import('../helpers/desk-fixture');
const { useTempDirs } = await import('../helpers/temp-dir');

const tempDir = useTempDirs();
const nav = () => ({ preventDefault: vi.fn() });

describe('Electron shell: the hardened window', () => {
  beforeEach(resetFake);

  it('is sandboxed, context-isolated, without Node, webviews or insecure content, and has no menu', () => {
    createHardenedWindow('/preload.cjs', { kiosk: true });
    const win = fake.windows[0]!;
    expect(win.options.kiosk).toBe(true);
    expect(win.options.webPreferences).toEqual({
      preload: '/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(win.removeMenu).toHaveBeenCalled();
    expect(win.webContents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
  });

  it('refuses navigation and redirects away from app://loket (parsed, not by prefix), new windows and webviews', () => {
    createHardenedWindow('/preload.cjs', { kiosk: false });
    const contents = fake.windows[0]!.webContents;
    const tryNavigate = (name: string, url: string) => {
      const event = { ...nav(), url };
      contents.emit(name, event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(tryNavigate(name, 'https://evil.example/')).toBe(true);
      expect(tryNavigate(name, 'app://loket.evil/')).toBe(true);
      expect(tryNavigate(name, 'file:///etc/passwd')).toBe(true);
      expect(tryNavigate(name, 'app://loket/index.html#/settings')).toBe(false);
    }
    const webview = nav();
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.openHandler!()).toEqual({ action: 'deny' });
  });

  it('locks down every web contents the app creates (a printing window too), once each', () => {
    lockDownAllContents();
    createHardenedWindow('/preload.cjs', { kiosk: false });
    const contents = fake.windows[0]!.webContents;
    expect(contents.listenerCount('will-navigate')).toBe(1);
    const other = new (class extends (contents.constructor as typeof import('./electron-fake').FakeWebContents) {})();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.listenerCount('will-navigate')).toBe(1);
    expect(other.openHandler!()).toEqual({ action: 'deny' });
  });

  it('grants only the camera (no microphone), only to our own origin, and no devices', async () => {
    installPermissionPolicy();
    const ask = (url: string, permission: string, mediaTypes?: string[]) =>
      new Promise<boolean>((resolve) => fake.permissions.request!({}, permission, resolve, { requestingUrl: url, isMainFrame: true, mediaTypes }));
    expect(await ask('app://loket/index.html', 'media', ['video'])).toBe(true);
    expect(await ask('app://loket/index.html', 'media', ['video', 'audio'])).toBe(false);
    expect(await ask('app://loket/index.html', 'media')).toBe(false);
    expect(await ask('app://loket/index.html', 'geolocation')).toBe(false);
    expect(await ask('app://loket/index.html', 'openExternal')).toBe(false);
    expect(await ask('https://evil.example/', 'media', ['video'])).toBe(false);
    expect(fake.permissions.check!({}, 'media', 'app://loket')).toBe(true);
    expect(fake.permissions.check!({}, 'notifications', 'app://loket')).toBe(false);
    expect(fake.permissions.check!({}, 'media', 'app://loket.evil')).toBe(false);
    expect(fake.permissions.device!()).toBe(false);
  });
});

describe('Electron shell: IPC', () => {
  beforeEach(resetFake);

  const desk = { onChange: () => () => undefined, meta: () => null } as any;
  const ourFrame = { url: 'app://loket/index.html#/checkin', parent: null };

  it('registers one channel per contract method and answers only our own top-level page in our window', async () => {
    createHardenedWindow('/preload.cjs', { kiosk: false });
    const win = fake.windows[0]!;
    const off = registerIpc(desk, win as any);
    expect([...fake.ipc.keys()].sort()).toEqual(API_METHODS.map((m) => `loket:${m}`).sort());
    const call = (event: object) => fake.ipc.get('loket:lanSettings')!(event, {});
    const refused = { ok: false, error: { code: 'bad_request', params: { detail: 'sender' } } };
    expect(await call({ sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } })).toEqual(refused);
    expect(await call({ sender: win.webContents, senderFrame: { url: 'app://loket/x', parent: ourFrame } })).toEqual(refused);
    expect(await call({ sender: win.webContents, senderFrame: null })).toEqual(refused);
    expect(await call({ sender: {}, senderFrame: ourFrame })).toEqual(refused);
    expect(await call({ sender: win.webContents, senderFrame: ourFrame })).toEqual({
      ok: true,
      value: { enabled: false, available: false, listening: false, port: null, addresses: [] },
    });
    off();
    expect(fake.ipc.size).toBe(0);
  });

  it('holds an organizer unlock for the session token that typed the PIN, not for any call without it', async () => {
    const real = openEventDesk(tempDir());
    createHardenedWindow('/preload.cjs', { kiosk: false });
    const win = fake.windows[0]!;
    const off = registerIpc(real, win as any);
    const ours = { sender: win.webContents, senderFrame: ourFrame };
    const call = (method: string, input: object, session?: string) => fake.ipc.get(`loket:${method}`)!(ours, input, session);
    const page = 'page-session-token-0000000001';
    expect(await call('unlockOrganizer', { pin: PIN })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await call('unlockOrganizer', { pin: PIN }, page)).toMatchObject({ ok: true, value: { organizerUntil: expect.any(Number) } });
    expect(await call('backupOverview', {}, page)).toMatchObject({ ok: true });
    expect(await call('backupOverview', {})).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
    expect(await call('backupOverview', {}, 'other-session-token-00000002')).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
    expect(await call('deskInfo', {}, 'other-session-token-00000002')).toMatchObject({ ok: true, value: { organizerUntil: null } });
    off();
    real.close();
  });
});

describe('Electron shell: the app:// protocol', () => {
  beforeEach(resetFake);

  it('is a standard, secure scheme and serves the renderer with the CSP, nothing outside it', async () => {
    registerAppScheme();
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    serveRenderer('/opt/loket/renderer');
    const get = (url: string) => fake.protocolHandler!(new Request(url));
    const page = await get('app://loket/');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(fake.fetch).toHaveBeenLastCalledWith('file:///opt/loket/renderer/index.html');
    // Dot segments are resolved by the URL parser, inside the root; encoded slashes are not.
    await get('app://loket/%2e%2e/%2e%2e/etc/passwd');
    expect(fake.fetch).toHaveBeenLastCalledWith('file:///opt/loket/renderer/etc/passwd');
    expect((await get('app://loket/..%2F..%2Fetc%2Fpasswd')).status).toBe(403);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect(fake.fetch).toHaveBeenCalledTimes(2);
  });
});

describe('Electron shell: the preload', () => {
  beforeEach(resetFake);

  it('exposes named functions only: the contract, onChange and the kiosk control, each on its own channel', async () => {
    vi.resetModules();
    await import('../../electron/preload/index');
    expect([...fake.exposed.keys()].sort()).toEqual(['loket', 'loketShell']);
    const core = fake.exposed.get('loket')!;
    expect(Object.keys(core).sort()).toEqual([...API_METHODS, 'onChange'].sort());
    const shell = fake.exposed.get('loketShell')!;
    expect(Object.keys(shell).sort()).toEqual(Object.keys(SHELL_CHANNELS).sort());
    for (const value of [...Object.values(core), ...Object.values(shell)]) expect(typeof value).toBe('function');
    await (core['status'] as (input: unknown, session: string) => Promise<unknown>)({}, 'page-session-token-0000000001');
    await (shell['leaveKiosk'] as (pin: string) => Promise<unknown>)('12345678');
    expect(fake.invoked).toEqual([
      { channel: 'loket:status', args: [{}, 'page-session-token-0000000001'] },
      { channel: SHELL_CHANNELS.leaveKiosk, args: ['12345678'] },
    ]);
  });
});
