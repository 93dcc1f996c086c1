import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { CheckinOutcome, LoketClient } from '../../shared/api';
import WalkInForm from '../../renderer/src/components/WalkInForm.svelte';
import { AppState, appContext } from '../../renderer/src/lib/app.svelte';
import { LoketClientError } from '../../renderer/src/lib/client';
import { AT_0930, DESK_INFO, person } from '../../renderer/test/fake-client';

function setup(registerWalkIn: LoketClient['registerWalkIn']) {
  const client = { registerWalkIn: vi.fn(registerWalkIn), status: vi.fn(async () => null) } as unknown as LoketClient;
  const app = new AppState(client, () => () => {});
  app.info = structuredClone(DESK_INFO);
  app.view = { name: 'walkin', prefill: { nib: '6372000000017' } };
  render(WalkInForm, { props: { prefill: { nib: '6372000000017' } }, context: appContext(app) });
  return { app, client };
}

describe('walk-in registration', () => {
  it('starts in the name field with the NIB filled in; Enter moves on; the server error sits next to its field', async () => {
    const { client } = setup(async () => {
      throw new LoketClientError('nib_taken', { nib: '6372000000017', name: 'Siti Aminah' });
    });
    const nib = screen.getByTestId('walkin-nib') as HTMLInputElement;
    const name = screen.getByTestId('walkin-name') as HTMLInputElement;
    expect(nib.value).toBe('6372000000017');
    await waitFor(() => expect(document.activeElement).toBe(name));

    await fireEvent.input(name, { target: { value: 'Hj. Rusmini' } });
    await fireEvent.keyDown(name, { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByTestId('walkin-business'));
    expect(client.registerWalkIn).not.toHaveBeenCalled();

    await fireEvent.change(screen.getByTestId('walkin-regency'), { target: { value: '63.72' } });
    await fireEvent.keyDown(document.activeElement!, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(nib.getAttribute('aria-invalid')).toBe('true'));
    expect(client.registerWalkIn).toHaveBeenCalledWith(expect.objectContaining({ nib: '6372000000017', name: 'Hj. Rusmini', regency: '63.72' }));
    const error = document.getElementById(nib.getAttribute('aria-describedby')!.split(' ').pop()!);
    expect(error?.textContent).toBe('NIB 6372000000017 sudah terdaftar atas nama Siti Aminah.');
    expect(document.activeElement).toBe(nib);
  });

  it('checks the NIB and phone on the desk before sending, and on success returns to check-in with the outcome', async () => {
    const walkIn = person({ id: 'w1', name: 'Hj. Rusmini', nib: '6372000000017', walkIn: true, present: true });
    walkIn.checkin = { id: 'd:1', at: AT_0930, desk: 'd', deskName: 'Meja 1', operator: 'Rina', via: 'walkin' };
    const { app, client } = setup(async (): Promise<CheckinOutcome> => ({ status: 'checked_in', participant: walkIn }));
    const nib = screen.getByTestId('walkin-nib') as HTMLInputElement;
    const phone = screen.getByTestId('walkin-phone') as HTMLInputElement;
    await fireEvent.input(nib, { target: { value: '63720000' } });
    await fireEvent.input(phone, { target: { value: '12345' } });
    await fireEvent.submit(screen.getByTestId('walkin-form'));
    expect(client.registerWalkIn).not.toHaveBeenCalled();
    expect(screen.getByText('NIB harus 13 angka: "63720000".')).toBeTruthy();
    expect(screen.getByText('Nama pelaku usaha wajib diisi.')).toBeTruthy();
    expect(screen.getByText('No. HP tidak valid: "12345".')).toBeTruthy();
    expect(screen.getByText(/^Kabupaten\/kota wajib dipilih/)).toBeTruthy();
    await fireEvent.change(screen.getByTestId('walkin-regency'), { target: { value: '63.01' } });

    await fireEvent.input(nib, { target: { value: '6372 0000 0001 7' } });
    await fireEvent.input(phone, { target: { value: '0812-5123-4567' } });
    await fireEvent.input(screen.getByTestId('walkin-name'), { target: { value: 'Hj. Rusmini' } });
    await fireEvent.submit(screen.getByTestId('walkin-form'));
    await waitFor(() => expect(app.view).toEqual({ name: 'checkin' }));
    expect(client.registerWalkIn).toHaveBeenCalledWith(expect.objectContaining({ nib: '6372000000017', phone: '0812-5123-4567', regency: '63.01' }));
    expect(app.checkin.outcome).toMatchObject({ kind: 'success', at: AT_0930 });
  });

  it('offers the event regencies first, then the rest of South Kalimantan, and refuses a 14th NIB digit as it is typed', async () => {
    const { client } = setup(async () => {
      throw new Error('not sent');
    });
    const select = screen.getByTestId('walkin-regency') as HTMLSelectElement;
    const groups = [...select.querySelectorAll('optgroup')].map((g) => [...g.querySelectorAll('option')].map((o) => o.value));
    expect(groups[0]).toEqual(['63.71', '63.72']);
    expect(groups[1]).toHaveLength(11);
    expect(select.value).toBe('');

    const nib = screen.getByTestId('walkin-nib') as HTMLInputElement;
    await fireEvent.input(nib, { target: { value: '63720000000171' } });
    expect(nib.value).toBe('6372000000017');
    expect(screen.getByText(/^NIB hanya 13 angka/)).toBeTruthy();
    await fireEvent.input(nib, { target: { value: '63720000000171234567' } });
    expect(nib.value).toBe('6372000000017');
    await fireEvent.input(nib, { target: { value: '6372 0000 0001 7' } });
    expect(nib.value).toBe('6372 0000 0001 7');
    expect(client.registerWalkIn).not.toHaveBeenCalled();
  });
});
