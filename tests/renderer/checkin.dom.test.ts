import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import CheckinScreen from '../../renderer/src/components/CheckinScreen.svelte';
import { AppState, appContext } from '../../renderer/src/lib/app.svelte';
import { LoketClientError } from '../../renderer/src/lib/client';
import { AT_0815, DESK_INFO, fakeClient, person } from '../../renderer/test/fake-client';

const SITI = person({ id: 'p-siti', name: 'Siti Aminah', business: 'Amplang Bu Siti', nib: '0289010302776' });
const SITI2 = person({ id: 'p-siti2', name: 'Siti Rahmah', business: 'Kue Cincin Rahmah', nib: '1112210007923' });
const BUDI = person({
  id: 'p-budi',
  name: 'Budi Santoso',
  business: 'Dodol Kandangan',
  nib: '9120000000001',
  regency: '63.71',
  regencyName: 'Kota Banjarmasin',
  present: true,
  checkin: { id: 'desk-b:4', at: AT_0815, desk: 'desk-b', deskName: 'Meja 2', operator: 'Budi', via: 'search' },
});

function setup(people = [SITI, SITI2, BUDI]) {
  const client = fakeClient(people);
  const app = new AppState(client, () => () => {});
  app.info = structuredClone(DESK_INFO);
  render(CheckinScreen, { context: appContext(app) });
  const box = screen.getByTestId('search') as HTMLInputElement;
  return { app, client, box };
}

/** What a keyboard wedge scanner does: one keydown per character, then Enter. */
async function scanKeys(code: string) {
  for (const key of code) await fireEvent.keyDown(document.activeElement ?? document.body, { key });
  await fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Enter' });
}

/** One key press at a chosen time (KeyboardEvent.timeStamp), for typing at human speed. */
function pressAt(target: Element, key: string, time: number) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  Object.defineProperty(event, 'timeStamp', { value: time });
  target.dispatchEvent(event);
}

describe('check-in screen keyboard flow', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('searches as you type; arrows move, Enter opens the confirmation, Enter again checks in', async () => {
    const { client, box } = setup();
    expect(document.activeElement).toBe(box);

    await fireEvent.input(box, { target: { value: 'siti' } });
    const results = await screen.findAllByTestId('result');
    expect(results.map((r) => r.querySelector('.r-name')?.textContent)).toEqual(['Siti Aminah', 'Siti Rahmah']);
    expect(results[0]?.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(results[0]?.id);

    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(screen.getAllByTestId('result')[1]?.getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(box, { key: 'ArrowDown' }); // stays on the last one
    await fireEvent.keyDown(box, { key: 'ArrowUp' });
    await fireEvent.keyDown(box, { key: 'ArrowDown' });

    await fireEvent.keyDown(box, { key: 'Enter' });
    const panel = await screen.findByTestId('confirm-panel');
    expect(within(panel).getByRole('heading').textContent).toBe('Siti Rahmah');
    const confirmButton = within(panel).getByTestId('confirm-checkin');
    await waitFor(() => expect(document.activeElement).toBe(confirmButton));
    expect(client.checkIn).not.toHaveBeenCalled();

    await fireEvent.keyDown(confirmButton, { key: 'Enter' });
    const outcome = await screen.findByTestId('outcome');
    expect(client.checkIn).toHaveBeenCalledTimes(1);
    expect(client.checkIn).toHaveBeenCalledWith({ participantId: 'p-siti2', via: 'search' });
    expect(outcome.dataset.kind).toBe('success');
    expect(outcome.textContent).toContain('Berhasil — Siti Rahmah tercatat hadir pukul 09.30 WITA');
    expect(screen.queryByTestId('confirm-panel')).toBeNull();
    // Ready for the next person: box empty and focused, counters refreshed.
    expect(box.value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(client.status).toHaveBeenCalled();
  });

  it('a full 13-digit NIB + Enter goes straight to the confirmation; Esc cancels without recording', async () => {
    const { client, box } = setup();
    await fireEvent.input(box, { target: { value: '0289 0103 02776' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const panel = await screen.findByTestId('confirm-panel');
    expect(within(panel).getByRole('heading').textContent).toBe('Siti Aminah');
    expect(client.search).toHaveBeenCalledWith(expect.objectContaining({ query: '0289010302776' }));

    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('confirm-panel')).toBeNull();
    expect(client.checkIn).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(box.value).toBe('0289 0103 02776');

    // Enter again, then confirm: recorded as an NIB check-in.
    await fireEvent.keyDown(box, { key: 'Enter' });
    const again = await screen.findByTestId('confirm-checkin');
    await waitFor(() => expect(document.activeElement).toBe(again));
    await fireEvent.keyDown(again, { key: 'Enter' });
    await screen.findByTestId('outcome');
    expect(client.checkIn).toHaveBeenCalledWith({ participantId: 'p-siti', via: 'nib' });
  });

  it('a scanner delivering the same code twice does not confirm anything', async () => {
    const { client, box } = setup();
    await fireEvent.input(box, { target: { value: '0289010302776' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const confirmButton = await screen.findByTestId('confirm-checkin');
    await waitFor(() => expect(document.activeElement).toBe(confirmButton));

    await scanKeys('0289010302776'); // the second delivery lands on the open panel
    expect(client.checkIn).not.toHaveBeenCalled();
    expect(screen.getByTestId('confirm-panel')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Pindaian ganda diabaikan');

    await fireEvent.keyDown(confirmButton, { key: 'Enter' }); // the operator's own Enter
    await screen.findByTestId('outcome');
    expect(client.checkIn).toHaveBeenCalledTimes(1);
  });

  it('a code scanned while a check-in is being saved is checked in right after it', async () => {
    const { client, box } = setup();
    let release: () => void = () => {};
    const original = client.checkIn.getMockImplementation()!;
    client.checkIn.mockImplementationOnce(async (input) => {
      await new Promise<void>((resolve) => (release = resolve));
      return original(input);
    });
    await fireEvent.input(box, { target: { value: '0289010302776' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const confirmButton = await screen.findByTestId('confirm-checkin');
    await waitFor(() => expect(document.activeElement).toBe(confirmButton));
    await fireEvent.keyDown(confirmButton, { key: 'Enter' }); // saving starts…
    await scanKeys('1112210007923'); // …and the next participant's code arrives meanwhile (a scanner burst)
    expect(client.checkIn).toHaveBeenCalledTimes(1);
    release();
    // The first check-in is recorded, then the scanned code is checked in by itself (a scan needs no confirmation).
    await waitFor(() => expect(client.checkIn).toHaveBeenCalledTimes(2));
    expect(client.checkIn).toHaveBeenLastCalledWith({ code: '1112210007923' });
    await waitFor(() => expect(screen.getByTestId('outcome').textContent).toContain('Siti Rahmah tercatat hadir'));
    expect(screen.queryByTestId('confirm-panel')).toBeNull();
  });

  it('keys typed (at human speed) while a check-in is being saved become the next search instead of being lost', async () => {
    const { client, box } = setup();
    let release: () => void = () => {};
    const original = client.checkIn.getMockImplementation()!;
    client.checkIn.mockImplementationOnce(async (input) => {
      await new Promise<void>((resolve) => (release = resolve));
      return original(input);
    });
    await fireEvent.input(box, { target: { value: '0289010302776' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const confirmButton = await screen.findByTestId('confirm-checkin');
    await waitFor(() => expect(document.activeElement).toBe(confirmButton));
    await fireEvent.keyDown(confirmButton, { key: 'Enter' }); // saving starts…
    let t = 1_000;
    for (const key of '1112210007923') pressAt(document.activeElement ?? document.body, key, (t += 120));
    pressAt(document.activeElement ?? document.body, 'Enter', (t += 150));
    expect(client.checkIn).toHaveBeenCalledTimes(1);
    release();
    // The first check-in is shown, and the typed NIB went to its own confirmation.
    await waitFor(() => expect(screen.getByTestId('outcome').textContent).toContain('Siti Aminah tercatat hadir'));
    const panel = await screen.findByTestId('confirm-panel');
    expect(within(panel).getByRole('heading').textContent).toBe('Siti Rahmah');
    expect(client.checkIn).toHaveBeenCalledTimes(1);
  });

  it('an unknown NIB says "Data tidak ditemukan" and F2 opens a walk-in with the NIB filled in', async () => {
    const { app, client, box } = setup();
    await fireEvent.input(box, { target: { value: '6300000000009' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const notFound = await screen.findByTestId('not-found');
    expect(notFound.textContent).toContain('Data tidak ditemukan');
    expect(notFound.textContent).toContain('6300000000009');
    expect(screen.queryByTestId('confirm-panel')).toBeNull();
    expect(client.checkIn).not.toHaveBeenCalled();

    await fireEvent.keyDown(box, { key: 'F2' });
    expect(app.view).toEqual({ name: 'walkin', prefill: { nib: '6300000000009' } });
  });

  it('already present shows when, where and by whom, with "Tutup" instead of the green check-in button', async () => {
    const { client, box } = setup();
    await fireEvent.input(box, { target: { value: 'budi' } });
    await screen.findAllByTestId('result');
    await fireEvent.keyDown(box, { key: 'Enter' });
    const panel = await screen.findByTestId('confirm-panel');
    expect(within(panel).getByTestId('confirm-already').textContent).toContain('Sudah hadir pukul 08.15 WITA, di Meja 2, oleh Budi');
    expect(panel.textContent).not.toContain('Catat Kehadiran');
    expect(panel.querySelector('.btn.primary')).toBeNull();
    const closeButton = within(panel).getByTestId('confirm-checkin');
    expect(closeButton.textContent).toContain('Tutup');
    await waitFor(() => expect(document.activeElement).toBe(closeButton));
    await fireEvent.keyDown(closeButton, { key: 'Enter' });
    // Nothing to record: the panel closes with the amber notice, not an error.
    const outcome = await screen.findByTestId('outcome');
    expect(client.checkIn).not.toHaveBeenCalled();
    expect(screen.queryByTestId('confirm-panel')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(outcome.dataset.kind).toBe('already');
    expect(outcome.getAttribute('role')).toBe('status');
    expect(outcome.textContent).toContain('Budi Santoso sudah hadir');
    expect(outcome.textContent).toContain('Sudah hadir pukul 08.15 WITA, di Meja 2, oleh Budi');
  });

  it('an error from the desk is shown in red with the translated message, and focus returns to the box', async () => {
    const { client, box } = setup();
    client.checkIn.mockRejectedValueOnce(new LoketClientError('not_signed_in'));
    await fireEvent.input(box, { target: { value: 'aminah' } });
    await screen.findAllByTestId('result');
    await fireEvent.keyDown(box, { key: 'Enter' });
    const confirmButton = await screen.findByTestId('confirm-checkin');
    await waitFor(() => expect(document.activeElement).toBe(confirmButton));
    await fireEvent.keyDown(confirmButton, { key: 'Enter' });
    const outcome = await screen.findByTestId('outcome');
    expect(outcome.dataset.kind).toBe('error');
    expect(outcome.getAttribute('role')).toBe('alert');
    expect(outcome.textContent).toContain('Masukkan nama petugas terlebih dahulu.');
    await waitFor(() => expect(document.activeElement).toBe(box));
  });

  it('Tab from the box reaches "Lihat Data" for the highlighted result', async () => {
    const { app, box } = setup();
    await fireEvent.input(box, { target: { value: 'siti' } });
    await screen.findAllByTestId('result');
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    const detail = screen.getByTestId('open-detail') as HTMLButtonElement;
    expect(detail.disabled).toBe(false);
    // The button is the next focusable element after the box in document order.
    const focusables = Array.from(document.querySelectorAll<HTMLElement>('input, button:not([disabled]):not([tabindex="-1"])'));
    expect(focusables[focusables.indexOf(box) + 1]).toBe(detail);
    detail.focus();
    await fireEvent.click(detail);
    expect(app.view).toEqual({ name: 'participant', id: 'p-siti2' });
  });

  it('undo from the success banner: F8, the reason, Enter', async () => {
    const { client, box } = setup();
    await fireEvent.input(box, { target: { value: '0289010302776' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const confirmButton = await screen.findByTestId('confirm-checkin');
    await waitFor(() => expect(document.activeElement).toBe(confirmButton));
    await fireEvent.keyDown(confirmButton, { key: 'Enter' });
    expect((await screen.findByTestId('outcome')).dataset.kind).toBe('success');
    await waitFor(() => expect(document.activeElement).toBe(box));

    await fireEvent.keyDown(box, { key: 'F8' });
    const reason = (await screen.findByTestId('undo-reason')) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(reason));
    await fireEvent.submit(reason.form!); // no reason yet
    expect((await within(reason.form!).findByRole('alert')).textContent).toContain('Alasan wajib diisi');
    expect(client.voidCheckIn).not.toHaveBeenCalled();
    await fireEvent.input(reason, { target: { value: 'salah pilih orang' } });
    await fireEvent.submit(reason.form!);
    await waitFor(() => expect(screen.getByTestId('outcome').dataset.kind).toBe('voided'));
    expect(client.voidCheckIn).toHaveBeenCalledWith({ participantId: 'p-siti', reason: 'salah pilih orang' });
    expect(screen.getByTestId('outcome').textContent).toContain('Kehadiran Siti Aminah dibatalkan');
    await waitFor(() => expect(document.activeElement).toBe(box));
    // Only a success can be undone from its banner.
    await fireEvent.keyDown(box, { key: 'F8' });
    expect(screen.queryByTestId('undo-reason')).toBeNull();
  });

  it('Space presses the focused button (as Enter does) instead of jumping to the search box', async () => {
    const { app, box } = setup();
    app.settings = { printMode: 'ask', layout: 'a6', printer: null, printers: [] };
    await fireEvent.input(box, { target: { value: '0289010302776' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const confirmButton = await screen.findByTestId('confirm-checkin');
    await waitFor(() => expect(document.activeElement).toBe(confirmButton));
    await fireEvent.keyDown(confirmButton, { key: 'Enter' });
    await screen.findByTestId('outcome');
    await waitFor(() => expect(document.activeElement).toBe(box));

    // The browser clicks a button on Space's keyup, if the key went through and the focus stayed.
    for (const id of ['undo-start', 'print-confirm', 'open-camera']) {
      const button = screen.getByTestId(id);
      button.focus();
      expect(await fireEvent.keyDown(button, { key: ' ' }), id).toBe(true);
      expect(document.activeElement, id).toBe(button);
    }
    expect(screen.getByTestId('print-offer')).toBeTruthy();
    // A letter typed with a button focused still goes to the search.
    await fireEvent.keyDown(screen.getByTestId('open-camera'), { key: 's' });
    expect(document.activeElement).toBe(box);
  });

  it('a banner belongs to one action: the next confirmation takes the last one away, and so does the kiosk', async () => {
    const { app, box } = setup();
    await fireEvent.input(box, { target: { value: '0289010302776' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const first = await screen.findByTestId('confirm-checkin');
    await waitFor(() => expect(document.activeElement).toBe(first));
    await fireEvent.keyDown(first, { key: 'Enter' });
    await screen.findByTestId('outcome');
    await waitFor(() => expect(document.activeElement).toBe(box));

    await fireEvent.input(box, { target: { value: '1112210007923' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    await screen.findByTestId('confirm-panel');
    expect(screen.queryByTestId('outcome')).toBeNull();
    expect(screen.queryByTestId('undo-start')).toBeNull();
    const next = screen.getByTestId('confirm-checkin');
    await waitFor(() => expect(document.activeElement).toBe(next));
    await fireEvent.keyDown(next, { key: 'Enter' });
    await screen.findByTestId('outcome');

    // Self check-in starts: nothing of the operator's last action waits for the next operator.
    await app.enterKiosk();
    expect(app.view).toEqual({ name: 'kiosk' });
    expect(app.checkin.outcome).toBeNull();
    expect(app.checkin.printOffer).toBeNull();
  });

  it('an empty desk says so and where the list comes from, instead of offering a walk-in for every search', async () => {
    const { app, box } = setup([]);
    await app.refreshStatus();
    const empty = await screen.findByTestId('empty-desk');
    expect(empty.textContent).toContain('Meja ini belum punya daftar peserta: impor atau gabung ke acara');
    await fireEvent.input(box, { target: { value: 'siti' } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('empty-desk').textContent).toContain('"siti"'));
    expect(screen.queryByTestId('walkin-from-notfound')).toBeNull();
    expect(screen.queryByText(/Tekan Enter untuk Daftar di Tempat/)).toBeNull();
    await fireEvent.click(screen.getByTestId('empty-sync'));
    expect(app.view).toEqual({ name: 'sync' });
  });

  it('counts one walk-in in the singular', async () => {
    const { app } = setup();
    app.info = { ...structuredClone(DESK_INFO), lang: 'en' };
    await app.refreshStatus();
    app.status = { ...app.status!, participants: 3, walkIns: 1 };
    await waitFor(() => expect(screen.getByTestId('counter-total').textContent).toContain('3 registered (1 walk-in)'));
  });
});
