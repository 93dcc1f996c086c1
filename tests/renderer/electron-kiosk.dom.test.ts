import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/errors';
import type { KioskState, ShellApi } from '../../shared/shell-api';
import SettingsScreen from '../../renderer/src/components/SettingsScreen.svelte';
import { AppState, appContext, type View } from '../../renderer/src/lib/app.svelte';
import { viewFromHash, viewToHash } from '../../renderer/src/lib/route';
import { DESK_INFO, fakeClient } from '../../renderer/test/fake-client';

/** The Electron preload's kiosk control, as main answers it: the PIN is the fake core's 12345678. */
function fakeShell(kiosk = true) {
  let locked = kiosk;
  const state = async (): Promise<Result<KioskState>> => ({ ok: true, value: { kiosk: locked } });
  const shell = {
    kioskState: vi.fn(state),
    enterKiosk: vi.fn(async () => {
      locked = true;
      return state();
    }),
    leaveKiosk: vi.fn(async (pin: string): Promise<Result<KioskState>> => {
      if (pin !== '12345678') return { ok: false, error: { code: 'wrong_pin', params: {} } };
      locked = false;
      return state();
    }),
  } satisfies ShellApi;
  return shell;
}

function setup() {
  const client = fakeClient([]);
  const app = new AppState(client, () => () => {});
  app.info = structuredClone(DESK_INFO);
  render(SettingsScreen, { context: appContext(app) });
  return { client, app };
}

beforeEach(() => {
  document.body.innerHTML = '';
});
afterEach(() => {
  delete window.loketShell;
});

describe('the screen lock in the settings screen (Electron)', () => {
  it('leaves kiosk mode only with the organizer PIN, through the shell', async () => {
    const shell = fakeShell(true);
    window.loketShell = shell;
    setup();
    const card = await screen.findByTestId('lockdown');
    expect(card.textContent).toContain('Layar sedang terkunci');
    await fireEvent.click(within(card).getByTestId('lockdown-leave'));

    const dialog = screen.getByRole('dialog');
    expect(dialog.textContent).toContain('keluar dari mode kios');
    const pin = within(dialog).getByTestId('pin') as HTMLInputElement;
    await fireEvent.input(pin, { target: { value: '999999' } });
    await fireEvent.submit(pin.form!);
    expect(await within(dialog).findByRole('alert')).toHaveProperty('textContent', expect.stringMatching(/PIN/));
    expect(shell.leaveKiosk).toHaveBeenLastCalledWith('999999');
    expect(card.textContent).toContain('Layar sedang terkunci');

    await fireEvent.input(pin, { target: { value: '12345678' } });
    await fireEvent.submit(pin.form!);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(shell.leaveKiosk).toHaveBeenLastCalledWith('12345678');
    await waitFor(() => expect(card.textContent).toContain('Layar tidak terkunci'));

    await fireEvent.click(within(card).getByTestId('lockdown-enter'));
    await waitFor(() => expect(card.textContent).toContain('Layar sedang terkunci'));
    expect(shell.enterKiosk).toHaveBeenCalledTimes(1);
  });

  it('shows no screen lock in the browser fallback', async () => {
    setup();
    await screen.findByTestId('lan-sync');
    expect(screen.queryByTestId('lockdown')).toBeNull();
  });

  it('turns LAN sync on and shows where other desks reach this one', async () => {
    const { client } = setup();
    const box = (await screen.findByTestId('lan-enabled')) as HTMLInputElement;
    expect(box.checked).toBe(false);
    await fireEvent.click(box);
    await waitFor(() => expect(client.setLanSettings).toHaveBeenCalledWith({ enabled: true }));
    expect((await screen.findByTestId('lan-addresses')).textContent).toContain('http://192.168.1.10:4318');
  });
});

describe('the screen in the URL hash', () => {
  const views: View[] = [
    { name: 'checkin' },
    { name: 'participant', id: 'p:4f2a/9' },
    { name: 'settings' },
    { name: 'kiosk' },
    { name: 'handover' },
    { name: 'export' },
    { name: 'dashboard' },
  ];

  it.each(views.map((v) => [viewToHash(v), v] as const))('%s comes back as the same screen', (hash, view) => {
    expect(viewFromHash(hash)).toEqual(view);
  });

  it('keeps no form content, and anything unknown is the check-in screen', () => {
    expect(viewToHash({ name: 'walkin', prefill: { name: 'Siti Aminah' } })).toBe('#/walkin');
    expect(viewFromHash('#/walkin')).toEqual({ name: 'walkin', prefill: {} });
    expect(viewFromHash('')).toEqual({ name: 'checkin' });
    expect(viewFromHash('#/constructor')).toEqual({ name: 'checkin' });
    expect(viewFromHash('#/participant/')).toEqual({ name: 'checkin' });
  });
});
