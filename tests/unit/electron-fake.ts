import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/**
 * Electron cannot run here (no binary): the parts of its API the shell uses, as recorders with
 * just enough behaviour (events, kiosk state) to drive the shell's wiring from a test.
 * Use with `vi.mock('electron', async () => (await import('./electron-fake')).fakeElectron())`.
 */
export class FakeWebContents extends EventEmitter {
  openHandler: (() => unknown) | null = null;
  send = vi.fn();
  setVisualZoomLevelLimits = vi.fn(async () => undefined);
  forcefullyCrashRenderer = vi.fn();
  setWindowOpenHandler(handler: () => unknown): void {
    this.openHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, any>;
  kiosk: boolean;
  destroyed = false;
  minimized = false;
  removeMenu = vi.fn();
  loadURL = vi.fn(async (_url: string) => undefined);
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => (this.minimized = false));

  constructor(options: Record<string, any>) {
    super();
    this.options = options;
    this.kiosk = options.kiosk === true;
    fake.windows.push(this);
    fake.app.emit('web-contents-created', {}, this.webContents);
  }
  isKiosk(): boolean {
    return this.kiosk;
  }
  setKiosk(on: boolean): void {
    this.kiosk = on;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

class FakeApp extends EventEmitter {
  singleInstance = true;
  isPackaged = false;
  quit = vi.fn();
  enableSandbox = vi.fn();
  requestSingleInstanceLock = vi.fn(() => this.singleInstance);
  whenReady = vi.fn(() => Promise.resolve());
  getPath = vi.fn(() => '/nonexistent');
}

type Handler = (event: any, ...args: unknown[]) => Promise<unknown>;

function freshState() {
  return {
    app: new FakeApp(),
    windows: [] as FakeBrowserWindow[],
    ipc: new Map<string, Handler>(),
    permissions: {
      request: null as null | ((contents: unknown, permission: string, callback: (ok: boolean) => void, details: any) => void),
      check: null as null | ((contents: unknown, permission: string, origin: string) => boolean),
      device: null as null | (() => boolean),
    },
    protocolHandler: null as null | ((request: Request) => Promise<Response>),
    schemes: [] as unknown[],
    fetch: vi.fn(async (_url: string) => new Response('file body', { headers: { 'Content-Type': 'text/html' } })),
    powerSave: { start: vi.fn((_type: string) => 7), stop: vi.fn((_id: number) => undefined), isStarted: vi.fn((_id: number) => true) },
    exposed: new Map<string, Record<string, unknown>>(),
    invoked: [] as { channel: string; args: unknown[] }[],
    errorBoxes: [] as { title: string; content: string }[],
  };
}

export const fake = freshState();

/** Back to a fresh recorder between tests (the module object stays the one the shell imported). */
export function resetFake(): void {
  Object.assign(fake, freshState());
}

export function fakeElectron() {
  return {
    app: new Proxy({}, { get: (_t, key) => Reflect.get(fake.app, key, fake.app) }),
    BrowserWindow: FakeBrowserWindow,
    session: {
      get defaultSession() {
        return {
          setPermissionRequestHandler: (fn: typeof fake.permissions.request) => (fake.permissions.request = fn),
          setPermissionCheckHandler: (fn: typeof fake.permissions.check) => (fake.permissions.check = fn),
          setDevicePermissionHandler: (fn: typeof fake.permissions.device) => (fake.permissions.device = fn),
        };
      },
    },
    ipcMain: {
      handle: (channel: string, fn: Handler) => {
        if (fake.ipc.has(channel)) throw new Error(`second handler for ${channel}`);
        fake.ipc.set(channel, fn);
      },
      removeHandler: (channel: string) => fake.ipc.delete(channel),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.schemes.push(...schemes),
      handle: (_scheme: string, fn: (request: Request) => Promise<Response>) => (fake.protocolHandler = fn),
    },
    net: { fetch: (url: string) => fake.fetch(url) },
    dialog: { showErrorBox: (title: string, content: string) => fake.errorBoxes.push({ title, content }) },
    powerSaveBlocker: {
      start: (type: string) => fake.powerSave.start(type),
      stop: (id: number) => fake.powerSave.stop(id),
      isStarted: (id: number) => fake.powerSave.isStarted(id),
    },
    contextBridge: { exposeInMainWorld: (name: string, api: Record<string, unknown>) => fake.exposed.set(name, api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => fake.invoked.push({ channel, args }),
      on: vi.fn(),
      removeListener: vi.fn(),
    },
  };
}
