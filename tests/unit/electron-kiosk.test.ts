import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { dispatch } from '../../electron/core/api/dispatch';
import { openEventDesk, PIN, SESSION } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';
import { fake, resetFake, type FakeBrowserWindow } from './electron-fake';

vi.mock('electron', async () => (await import('./electron-fake')).fakeElectron());

const { isBlockedInKiosk } = await import('../../electron/main/kiosk-shortcuts');
const { lockKiosk, registerKioskIpc } = await import('../../electron/main/kiosk');
const { keepRendererAlive, HANG_GRACE_MS, RESTART_DELAY_MS } = await import('../../electron/main/renderer-watchdog');
const { createHardenedWindow } = await import('../../electron/main/window-factory');
const { runShell } = await import('../../electron/main/shell');
const { SHELL_CHANNELS } = await import('../../shared/shell-api');

const tempDir = useTempDirs();
const key = (k: string, mods: Partial<Record<'control' | 'meta' | 'alt' | 'shift', boolean>> = {}) => ({
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});
const prevented = () => ({ preventDefault: vi.fn() });

function newWindow(kiosk: boolean): FakeBrowserWindow {
  createHardenedWindow('/preload.cjs', { kiosk });
  return fake.windows.at(-1)!;
}

describe('kiosk shortcuts', () => {
  it.each([
    ['F5', key('F5')],
    ['Ctrl+R', key('r', { control: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['Cmd+R', key('r', { meta: true })],
    ['Ctrl+F5', key('F5', { control: true })],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['Ctrl+plus', key('+', { control: true })],
    ['Ctrl+=', key('=', { control: true })],
    ['Ctrl+minus', key('-', { control: true })],
    ['Ctrl+0', key('0', { control: true })],
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl+F4', key('F4', { control: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+Q', key('q', { control: true })],
    ['Ctrl+N', key('n', { control: true })],
    ['Ctrl+P', key('p', { control: true })],
    ['F11', key('F11')],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
    ['BrowserBack', key('BrowserBack')],
  ])('blocks %s', (_name, input) => {
    expect(isBlockedInKiosk(input)).toBe(true);
  });

  it.each([
    ['Escape', key('Escape')],
    ['Enter', key('Enter')],
    ['Ctrl+Enter (confirm in forms)', key('Enter', { control: true })],
    ['F2 (search)', key('F2')],
    ['F4 (walk-in)', key('F4')],
    ['a digit a scanner types', key('7')],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['Ctrl+A', key('a', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['Shift+Tab', key('Tab', { shift: true })],
    ['AltGr+Q (@ on a German keyboard)', key('@', { control: true, alt: true })],
  ])('lets %s through', (_name, input) => {
    expect(isBlockedInKiosk(input)).toBe(false);
  });
});

describe('kiosk lock on the window', () => {
  beforeEach(resetFake);

  it('swallows blocked keys and refuses to close only while in kiosk mode', () => {
    let quitting = false;
    const win = newWindow(true);
    lockKiosk(win as any, () => quitting);
    const press = (input: ReturnType<typeof key>) => {
      const event = prevented();
      win.webContents.emit('before-input-event', event, input);
      return event.preventDefault.mock.calls.length > 0;
    };
    const close = () => {
      const event = prevented();
      win.emit('close', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(press(key('r', { control: true }))).toBe(true);
    expect(press(key('Enter'))).toBe(false);
    expect(close()).toBe(true);
    quitting = true;
    expect(close()).toBe(false);
    quitting = false;
    win.setKiosk(false);
    expect(press(key('r', { control: true }))).toBe(false);
    expect(close()).toBe(false);
  });
});

describe('leaving kiosk mode through IPC', () => {
  beforeEach(resetFake);

  it('needs the organizer PIN, checked by the core, and only from our own page', async () => {
    const desk = openEventDesk(tempDir());
    const win = newWindow(true);
    const off = registerKioskIpc(desk, win as any);
    const ours = { sender: win.webContents, senderFrame: { url: 'app://loket/index.html', parent: null } };
    const call = (channel: string, event: object, ...args: unknown[]) => fake.ipc.get(channel)!(event, ...args);

    expect(await call(SHELL_CHANNELS.kioskState, ours)).toEqual({ ok: true, value: { kiosk: true } });
    expect(await call(SHELL_CHANNELS.leaveKiosk, ours, '000000')).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    expect(await call(SHELL_CHANNELS.leaveKiosk, ours, 123456)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(win.isKiosk()).toBe(true);
    const foreign = { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await call(SHELL_CHANNELS.leaveKiosk, foreign, PIN)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(win.isKiosk()).toBe(true);

    expect(await call(SHELL_CHANNELS.leaveKiosk, ours, PIN)).toEqual({ ok: true, value: { kiosk: false } });
    expect(win.isKiosk()).toBe(false);
    expect(await call(SHELL_CHANNELS.enterKiosk, ours)).toEqual({ ok: true, value: { kiosk: true } });
    expect(win.isKiosk()).toBe(true);
    off();
    expect(fake.ipc.size).toBe(0);
    desk.close();
  });

  it('counts a wrong PIN typed to leave kiosk mode towards the desk\'s one lockout', async () => {
    const desk = openEventDesk(tempDir());
    const win = newWindow(true);
    const off = registerKioskIpc(desk, win as any);
    const ours = { sender: win.webContents, senderFrame: { url: 'app://loket/index.html', parent: null } };
    const leave = (pin: string) => fake.ipc.get(SHELL_CHANNELS.leaveKiosk)!(ours, pin);
    for (let i = 0; i < 5; i++) expect(await leave('11112222')).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    // Five guesses here: the PIN dialog waits too, and so does the kiosk for the right PIN.
    expect(await dispatch(desk, 'unlockOrganizer', { pin: PIN }, SESSION)).toMatchObject({ ok: false, error: { code: 'pin_locked' } });
    expect(await leave(PIN)).toMatchObject({ ok: false, error: { code: 'pin_locked' } });
    expect(win.isKiosk()).toBe(true);
    off();
    desk.close();
  });
});

describe('renderer watchdog', () => {
  beforeEach(() => {
    resetFake();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const HOME = 'app://loket/index.html';

  it('reloads a crashed renderer on the screen it was on (our origin only), not a clean exit', () => {
    const win = newWindow(true);
    keepRendererAlive(win as any, HOME);
    win.webContents.emit('did-navigate', {}, HOME);
    win.webContents.emit('did-navigate-in-page', {}, `${HOME}#/participant/abc123`);
    win.webContents.emit('did-navigate-in-page', {}, 'https://evil.example/#/x');
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    vi.advanceTimersByTime(RESTART_DELAY_MS - 1);
    expect(win.loadURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(win.loadURL).toHaveBeenCalledWith(`${HOME}#/participant/abc123`);

    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    vi.advanceTimersByTime(RESTART_DELAY_MS);
    expect(win.loadURL).toHaveBeenCalledTimes(1);
  });

  it('turns a hang that does not recover into a crash (and so a reload), but leaves a short one alone', () => {
    const win = newWindow(true);
    keepRendererAlive(win as any, HOME);
    win.webContents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS / 2);
    win.webContents.emit('responsive');
    vi.advanceTimersByTime(HANG_GRACE_MS);
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();

    win.webContents.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS);
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
    win.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    vi.advanceTimersByTime(RESTART_DELAY_MS);
    expect(win.loadURL).toHaveBeenCalledWith(HOME);
  });
});

describe('the shell lifecycle', () => {
  beforeEach(resetFake);

  async function started(kiosk: boolean): Promise<FakeBrowserWindow> {
    const dataDir = tempDir();
    openEventDesk(dataDir).close();
    runShell({ dataDir, preload: '/p/index.cjs', rendererDir: '/r', kiosk, demo: false });
    await vi.waitFor(() => expect(fake.windows[0]?.loadURL).toHaveBeenCalled());
    return fake.windows[0]!;
  }

  async function quit(): Promise<void> {
    fake.app.emit('before-quit');
    const willQuit = prevented();
    fake.app.emit('will-quit', willQuit);
    expect(willQuit.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
  }

  it('opens one sandboxed desk window on app://loket, keeps the display awake, and lets go of it on quit', async () => {
    const win = await started(false);
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    expect(win.options.webPreferences.preload).toBe('/p/index.cjs');
    expect(win.loadURL).toHaveBeenCalledWith('app://loket/index.html');
    expect(fake.powerSave.start).toHaveBeenCalledWith('prevent-display-sleep');
    expect(fake.ipc.has('loket:checkIn') && fake.ipc.has(SHELL_CHANNELS.leaveKiosk)).toBe(true);
    expect(fake.powerSave.stop).not.toHaveBeenCalled();
    await quit();
    expect(fake.powerSave.stop).toHaveBeenCalledWith(7);
    expect(fake.ipc.size).toBe(0);
    const again = prevented();
    fake.app.emit('will-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('gives an empty desk the demo event on a development start only; an installed desk opens on the first-run screen', async () => {
    for (const demo of [true, false]) {
      resetFake();
      const dataDir = tempDir();
      runShell({ dataDir, preload: '/p', rendererDir: '/r', kiosk: false, demo });
      await vi.waitFor(() => expect(fake.windows[0]?.loadURL).toHaveBeenCalled());
      const desk = Desk.open(dataDir);
      expect(desk.event()?.demo ?? false).toBe(demo);
      desk.close();
      await quit();
    }
  });

  it('refuses a damaged database with the recovery path in both languages and opens no window', async () => {
    const dataDir = tempDir();
    openEventDesk(dataDir).close();
    writeFileSync(join(dataDir, 'loket.db'), Buffer.alloc(8192, 0xa5));
    runShell({ dataDir, preload: '/p', rendererDir: '/r', kiosk: true, demo: true });
    await vi.waitFor(() => expect(fake.app.quit).toHaveBeenCalled());
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]!.content).toMatch(/rusak[\s\S]*loket restore[\s\S]*damaged/);
    expect(fake.windows).toHaveLength(0);
  });

  it('brings the running window forward when a second copy starts', async () => {
    const win = await started(false);
    win.minimized = true;
    fake.app.emit('second-instance');
    expect(win.restore).toHaveBeenCalled();
    expect(win.focus).toHaveBeenCalled();
    await quit();
  });

  it('does not open a second desk when another instance holds the lock', async () => {
    fake.app.singleInstance = false;
    runShell({ dataDir: tempDir(), preload: '/p', rendererDir: '/r', kiosk: true, demo: false });
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    await Promise.resolve();
    expect(fake.windows).toHaveLength(0);
  });

  it('starts locked when asked, and the locked window closes only when the app quits', async () => {
    const win = await started(true);
    expect(win.isKiosk()).toBe(true);
    const close = prevented();
    win.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    fake.app.emit('before-quit');
    const closeOnQuit = prevented();
    win.emit('close', closeOnQuit);
    expect(closeOnQuit.preventDefault).not.toHaveBeenCalled();
    await quit();
  });
});
