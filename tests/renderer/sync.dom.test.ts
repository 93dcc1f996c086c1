import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import JoinEvent from '../../renderer/src/components/JoinEvent.svelte';
import SyncPanel from '../../renderer/src/components/SyncPanel.svelte';
import { AppState, appContext } from '../../renderer/src/lib/app.svelte';
import { AT_0930, DESK_INFO, fakeClient, JOIN_CODE, SYNC_OVERVIEW } from '../../renderer/test/fake-client';

function setup(component: typeof SyncPanel | typeof JoinEvent, now = AT_0930 + 20_000) {
  const client = fakeClient([]);
  const listeners: (() => void)[] = [];
  const app = new AppState(client, ({ change }) => {
    listeners.push(change);
    return () => {};
  });
  app.info = structuredClone(DESK_INFO);
  app.now = now;
  render(component, { context: appContext(app) });
  return { app, client };
}

describe('sync screen', () => {
  it('lists every known desk with last contact in WITA, held and lacking, a clock warning and alarms', async () => {
    setup(SyncPanel);
    const rows = await screen.findAllByTestId('sync-desk');
    expect(rows.map((r) => r.querySelector('th')!.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'Meja 1 meja ini desk-a',
      'Meja 2 tersambung desk-b',
      'Meja 3 desk-c',
    ]);
    const cells = (row: HTMLElement) => [...row.querySelectorAll('td')].map((td) => td.textContent!.replace(/\s+/g, ' ').trim());
    expect(cells(rows[1]!)).toEqual(['baru saja', '42', 'lengkap', 'sesuai']);
    expect(cells(rows[2]!)).toEqual(['08.15 WITA', '5', '7', 'Periksa jam meja ini (selisih 2 menit)']);
    expect(within(screen.getByTestId('sync-alarms')).getByText(/Meja 3, data ke-4: isi berbeda dari Meja 2/)).toBeTruthy();
    expect(within(screen.getByTestId('sync-alarms')).getByText(/Meja 2, data ke-10: tiba RUSAK dari Meja 2 .* dan ditolak, 2×/)).toBeTruthy();
    expect(within(screen.getByTestId('sync-alarms')).getByText(/Meja 1, data ke-7: RUSAK di basis data meja ini .* Pulihkan cadangan terakhir/)).toBeTruthy();
    expect(screen.getByText('Meja lain dapat menghubungi meja ini di 192.168.1.10:4317.')).toBeTruthy();
  });

  it('says which desks answered but cannot connect, and what to do about each', async () => {
    setup(SyncPanel);
    const refusals = await screen.findByTestId('sync-refusals');
    expect([...refusals.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Meja di 192.168.1.23 berasal dari acara lain (kunci acara berbeda): tidak ada data yang dipertukarkan. Bila meja itu seharusnya ikut acara ini, undang dengan tombol Undang meja.',
      'Meja di 192.168.1.14 memakai versi Loket yang lebih lama. Pasang versi yang sama dengan meja ini di sana; datanya tetap aman.',
    ]);
  });

  it('asks for the organizer PIN, and once more for the join code itself, before showing the join QR and typed code', async () => {
    const { app, client } = setup(SyncPanel);
    await fireEvent.click(screen.getByTestId('sync-invite'));
    expect(app.pinPrompt).not.toBeNull();
    expect(client.invite).not.toHaveBeenCalled();
    await app.unlock('12345678');
    // Unlocked, yet the code is not shown until the PIN is typed again.
    const pin = await screen.findByTestId('pin');
    expect(screen.queryByTestId('invite-code')).toBeNull();
    expect(client.invite).not.toHaveBeenCalled();
    await fireEvent.input(pin, { target: { value: '12345678' } });
    await fireEvent.submit(pin.closest('form')!);
    expect(client.invite).toHaveBeenLastCalledWith({ pin: '12345678' });
    expect((await screen.findByTestId('invite-code')).textContent).toBe(JOIN_CODE);
    expect(screen.getByTestId('invite-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(screen.getByText('Meja baru akan menghubungi: 192.168.1.10:4317')).toBeTruthy();
  });

  for (const [face, available, words] of [
    ['the Loket app', true, /Nyalakan "Terima meja lain di jaringan ini" di Pengaturan Meja/],
    ['the browser fallback', false, /berjalan di peramban, bukan di aplikasi Loket/],
  ] as const) {
    it(`says what to do when the code holds no address, in ${face}`, async () => {
      const { app, client } = setup(SyncPanel);
      client.invite.mockResolvedValueOnce({ code: JOIN_CODE, qrPngDataUrl: 'data:image/png;base64,iVBORw0KGgo=', addresses: [] });
      client.lanSettings.mockResolvedValueOnce({ enabled: false, available, listening: false, port: null, addresses: [] });
      await fireEvent.click(screen.getByTestId('sync-invite'));
      await app.unlock('12345678');
      const pin = await screen.findByTestId('pin');
      await fireEvent.input(pin, { target: { value: '12345678' } });
      await fireEvent.submit(pin.closest('form')!);
      await waitFor(() => expect(screen.getByTestId('invite-no-address').textContent).toMatch(words));
    });
  }
});

describe('joining an event on the first-run screen', () => {
  it('refuses a mistyped code with a sentence, then joins with the right one typed loosely', async () => {
    const { app, client } = setup(JoinEvent);
    app.info = { ...DESK_INFO, event: null };
    await fireEvent.click(screen.getByTestId('join-open'));
    const input = screen.getByTestId('join-code');
    await fireEvent.input(input, { target: { value: 'LOKET-04ABC-DEFGX' } });
    await fireEvent.submit(input.closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Kode gabung tidak valid/);
    await fireEvent.input(input, { target: { value: 'loket 04abc defgh' } });
    await fireEvent.submit(input.closest('form')!);
    await waitFor(() => expect(app.info?.event?.eventId).toBe(DESK_INFO.event!.eventId));
    expect(client.joinEvent).toHaveBeenLastCalledWith({ code: 'loket 04abc defgh' });
  });

  it('while no desk has sent the event, names a desk that answered but runs another Loket version', async () => {
    const { app, client } = setup(JoinEvent);
    app.info = { ...DESK_INFO, event: null };
    client.joinEvent.mockResolvedValueOnce({ ...DESK_INFO, event: null });
    client.syncStatus.mockResolvedValue({ ...SYNC_OVERVIEW, refusals: [{ address: '192.168.1.10', reason: 'newer_version', at: AT_0930 }] });
    expect(screen.queryByTestId('sync-refusals')).toBeNull();
    await fireEvent.click(screen.getByTestId('join-open'));
    const input = screen.getByTestId('join-code');
    await fireEvent.input(input, { target: { value: JOIN_CODE } });
    await fireEvent.submit(input.closest('form')!);
    expect(await screen.findByTestId('join-waiting')).toBeTruthy();
    expect((await screen.findByTestId('sync-refusals')).textContent).toContain(
      'Meja di 192.168.1.10 memakai versi Loket yang lebih baru. Pasang versi yang sama di meja ini; datanya tetap aman.',
    );
  });
});
