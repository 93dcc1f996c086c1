import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Electron cannot run here; its API is replaced by a recorder so the shell's wiring can be checked. */
const recorded = vi.hoisted(() => ({
  windows: [] as { options: Record<string, any>; handlers: Record<string, (...a: any[]) => any>; openHandler?: () => unknown }[],
  ipc: new Map<string, (event: any, input: unknown) => Promise<unknown>>(),
  permission: undefined as undefined | ((contents: any, permission: string, cb: (ok: boolean) => void) => void),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: any;
    constructor(options: Record<string, any>) {
      const entry: (typeof recorded.windows)[number] = { options, handlers: {} };
      recorded.windows.push(entry);
      this.webContents = {
        on: (name: string, fn: (...a: any[]) => any) => (entry.handlers[name] = fn),
        setWindowOpenHandler: (fn: () => unknown) => (entry.openHandler = fn),
        send: vi.fn(),
      };
    }
    once() {}
    isDestroyed() {
      return false;
    }
  }
  return {
    BrowserWindow,
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof recorded.permission) => (recorded.permission = fn),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    ipcMain: {
      handle: (channel: string, fn: (event: any, input: unknown) => Promise<unknown>) => recorded.ipc.set(channel, fn),
      removeHandler: (channel: string) => recorded.ipc.delete(channel),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    net: { fetch: vi.fn() },
  };
});

const { createHardenedWindow, installPermissionPolicy } = await import('../../electron/main/window-factory');
const { registerIpc } = await import('../../electron/main/ipc');
const { API_METHODS } = await import('../../shared/api-methods');

describe('Electron shell', () => {
  beforeEach(() => {
    recorded.windows.length = 0;
    recorded.ipc.clear();
  });

  it('makes windows sandboxed, context-isolated, without Node, and refuses navigation and new windows', () => {
    createHardenedWindow('/preload.cjs', { kiosk: true });
    const { options, handlers, openHandler } = recorded.windows[0]!;
    expect(options.kiosk).toBe(true);
    expect(options.webPreferences).toMatchObject({
      preload: '/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    const nav = { preventDefault: vi.fn() };
    handlers['will-navigate']!(nav, 'https://evil.example/');
    expect(nav.preventDefault).toHaveBeenCalled();
    const own = { preventDefault: vi.fn() };
    handlers['will-navigate']!(own, 'app://loket/index.html');
    expect(own.preventDefault).not.toHaveBeenCalled();
    const prefix = { preventDefault: vi.fn() };
    handlers['will-navigate']!(prefix, 'app://loket.evil/');
    expect(prefix.preventDefault).toHaveBeenCalled();
    expect(openHandler!()).toEqual({ action: 'deny' });
  });

  it('grants only the camera, and only to our own origin', () => {
    installPermissionPolicy();
    const ask = (url: string, permission: string) =>
      new Promise<boolean>((resolve) => recorded.permission!({ getURL: () => url }, permission, resolve));
    return Promise.all([
      expect(ask('app://loket/index.html', 'media')).resolves.toBe(true),
      expect(ask('app://loket/index.html', 'geolocation')).resolves.toBe(false),
      expect(ask('https://evil.example/', 'media')).resolves.toBe(false),
    ]);
  });

  it('registers one IPC channel per contract method and refuses calls from other frames', async () => {
    const desk = { onChange: () => () => undefined } as any;
    const win = { isDestroyed: () => false, webContents: { send: vi.fn() } } as any;
    registerIpc(desk, win);
    expect([...recorded.ipc.keys()].sort()).toEqual(API_METHODS.map((m) => `loket:${m}`).sort());
    const foreign = await recorded.ipc.get('loket:status')!({ senderFrame: { url: 'https://evil.example/' } }, {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
