import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import App from '../../renderer/src/App.svelte';
import { AT_0815, person } from '../../renderer/test/fake-client';
import { certificate, fakeHandoverClient } from '../../renderer/test/fake-handover';

/**
 * The whole desk (App.svelte), for what happens between screens and dialogs. A banner belongs to
 * one action, and going to another screen is the next one (issue 13, point 9): the check-in and
 * handover screens keep their state while the operator is elsewhere, their banners must not come
 * back with it.
 */

const SITI = person({ id: 'p-siti', name: 'Siti Aminah', business: 'Amplang Bu Siti', nib: '0289010302776' });
const BUDI = person({ id: 'p-budi', name: 'Budi Santoso', business: 'Dodol Kandangan', nib: '9120000000001', present: true });
const SITI_CERT = certificate({ id: 'c-siti', number: 'ID63110000123450524', participantId: 'p-siti', participantName: 'Siti Aminah', nib: SITI.nib });
const BUDI_CERT = certificate({ id: 'c-budi', number: 'ID63110000999990524', participantId: 'p-budi', participantName: 'Budi Santoso', nib: BUDI.nib });
/** Budi's certificate, handed over at another desk earlier in the day. */
const HANDED = certificate({
  id: 'c-handed',
  number: 'ID63110000555550524',
  participantId: 'p-budi',
  participantName: 'Budi Santoso',
  nib: BUDI.nib,
  status: 'diserahkan',
  handovers: [
    {
      id: 'desk-b:7',
      at: AT_0815,
      deskName: 'Meja 2',
      operator: 'Budi',
      recipient: { kind: 'owner', name: 'Budi Santoso', relationship: null, idNumberMasked: null, letterShown: false },
      signature: 'M 10 10 L 200 200',
      photo: null,
      overrideReason: null,
    },
  ],
});

// No screen here draws a chart; uPlot asks for matchMedia (which jsdom lacks) as soon as it is loaded.
vi.mock('uplot', () => ({ default: class {} }));

// jsdom has no 2D canvas (it logs "not implemented"): the signature pad draws nothing.
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});

beforeEach(() => {
  document.body.innerHTML = '';
});

async function openDesk() {
  const client = fakeHandoverClient([SITI, BUDI], [SITI_CERT, BUDI_CERT, HANDED]);
  render(App, { props: { client, changes: () => () => {} } });
  const box = (await screen.findByTestId('search')) as HTMLInputElement;
  await waitFor(() => expect(document.activeElement).toBe(box));
  return { client, box };
}

const go = (testId: 'nav-checkin' | 'nav-handover' | 'nav-stock') => fireEvent.click(screen.getByTestId(testId));
const focused = () => document.activeElement as HTMLElement;

/** In the handover screen: open a participant by NIB, then scan a certificate number. */
async function scanCertificate(nib: string, number: string) {
  const search = (await screen.findByTestId('handover-search')) as HTMLInputElement;
  await fireEvent.input(search, { target: { value: nib } });
  await fireEvent.keyDown(search, { key: 'Enter' });
  const box = (await screen.findByTestId('handover-number')) as HTMLInputElement;
  await fireEvent.input(box, { target: { value: number } });
  await fireEvent.keyDown(box, { key: 'Enter' });
}

describe('a banner goes when the operator goes to another screen', () => {
  it('a check-in banner, and its F8 undo, are gone after a visit to the handover screen', async () => {
    const { client, box } = await openDesk();
    await fireEvent.input(box, { target: { value: SITI.nib } });
    await fireEvent.keyDown(box, { key: 'Enter' });
    const confirm = await screen.findByTestId('confirm-checkin');
    await waitFor(() => expect(focused()).toBe(confirm));
    await fireEvent.keyDown(confirm, { key: 'Enter' });
    expect((await screen.findByTestId('outcome')).dataset.kind).toBe('success');
    expect(screen.getByTestId('undo-start')).toBeTruthy();

    await go('nav-handover');
    await screen.findByTestId('handover-screen');
    await go('nav-checkin');
    const back = (await screen.findByTestId('search')) as HTMLInputElement;
    expect(screen.queryByTestId('outcome')).toBeNull();
    expect(screen.queryByTestId('undo-start')).toBeNull();

    // F8 has no banner to undo from: Siti's check-in stays.
    await fireEvent.keyDown(back, { key: 'F8' });
    expect(screen.queryByTestId('undo-reason')).toBeNull();
    expect(client.voidCheckIn).not.toHaveBeenCalled();
  });

  it('a check-in made on the participant screen still shows when the desk comes back to check-in', async () => {
    const { box } = await openDesk();
    await fireEvent.input(box, { target: { value: 'siti' } });
    await screen.findAllByTestId('result');
    await fireEvent.click(screen.getByTestId('open-detail'));
    await fireEvent.click(await screen.findByRole('button', { name: /Catat Kehadiran/ }));
    const outcome = await screen.findByTestId('outcome');
    expect(outcome.dataset.kind).toBe('success');
    expect(outcome.textContent).toContain('Siti Aminah');
  });

  it('"AMPLOP SALAH" is gone, with the wrong number, after a visit to the check-in screen', async () => {
    await openDesk();
    await go('nav-handover');
    await scanCertificate(SITI.nib!, BUDI_CERT.number);
    expect((await screen.findByTestId('wrong-envelope')).textContent).toContain('AMPLOP SALAH');

    await go('nav-checkin');
    await screen.findByTestId('search');
    await go('nav-handover');
    // The handover under way stays (Siti, her certificate step); the alert of the last scan does not.
    const number = (await screen.findByTestId('handover-number')) as HTMLInputElement;
    expect(screen.getByTestId('handover-participant').textContent).toContain('Siti Aminah');
    expect(screen.queryByTestId('wrong-envelope')).toBeNull();
    expect(number.value).toBe('');
    expect(number.getAttribute('aria-invalid')).toBeNull();
  });

  it('a finished handover\'s "diserahkan" is gone after a visit to another screen: the next participant\'s search waits', async () => {
    const { client } = await openDesk();
    // The desk's own printer takes the receipt (jsdom has no print dialog).
    client.printReceipt.mockResolvedValue({ mode: 'silent', html: '' });
    await go('nav-handover');
    await scanCertificate(SITI.nib!, SITI_CERT.number);
    await waitFor(() => expect(screen.getByTestId('handover-screen').dataset.step).toBe('recipient'));
    await fireEvent.click(screen.getByTestId('recipient-next'));
    await screen.findByTestId('proof-step');
    const pad = screen.getByTestId('signature-pad');
    await fireEvent.pointerDown(pad, { pointerId: 1, pointerType: 'mouse', button: 0, clientX: 100, clientY: 200 });
    for (let i = 1; i <= 10; i++) await fireEvent.pointerMove(pad, { pointerId: 1, pointerType: 'mouse', clientX: 100 + i * 30, clientY: 200 + (i % 2) * 40 });
    await fireEvent.pointerUp(pad, { pointerId: 1, pointerType: 'mouse', clientX: 400, clientY: 200 });
    await fireEvent.click(screen.getByTestId('proof-next'));
    await fireEvent.click(await screen.findByTestId('handover-submit'));
    expect((await screen.findByTestId('handover-done')).textContent).toContain(`Sertifikat ${SITI_CERT.number} diserahkan`);
    expect(client.handOver).toHaveBeenCalledTimes(1);

    await go('nav-stock');
    await screen.findByTestId('stock-totals');
    await go('nav-handover');
    const search = (await screen.findByTestId('handover-search')) as HTMLInputElement;
    expect(screen.queryByTestId('handover-done')).toBeNull();
    expect(screen.queryByTestId('receipt-preview')).toBeNull();
    expect(search.value).toBe('');
  });
});

describe('giving a certificate out again', () => {
  it('the PIN goes into the PIN dialog, not the number field; then the reason field has the keyboard', async () => {
    const { client } = await openDesk();
    await go('nav-handover');
    await scanCertificate(BUDI.nib!, HANDED.number);
    const number = screen.getByTestId('handover-number') as HTMLInputElement;
    await fireEvent.click(await screen.findByTestId('override-start'));
    const pin = await screen.findByTestId('pin');
    await waitFor(() => expect(focused()).toBe(pin));
    // A moment later the focus is still in the dialog: typing the PIN never shows it in the number field.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(focused()).toBe(pin);
    expect(number.value).toBe(HANDED.number);

    await fireEvent.input(pin, { target: { value: '12345678' } });
    await fireEvent.submit(pin.closest('form')!);
    expect(client.unlockOrganizer).toHaveBeenCalledWith({ pin: '12345678' });
    const reason = await screen.findByTestId('override-reason');
    await waitFor(() => expect(focused()).toBe(reason));
  });
});

describe('signing out', () => {
  it('drops a handover under way, so the next operator starts from the search, under their own name', async () => {
    const { client } = await openDesk();
    const info = await client.deskInfo({});
    client.signOut = vi.fn(async () => ({ ...info, desk: { ...info.desk, operator: null } }));
    client.signIn = vi.fn(async ({ name }: { name: string }) => ({ ...info, desk: { ...info.desk, operator: name } }));
    await go('nav-handover');
    await scanCertificate(SITI.nib!, SITI_CERT.number);
    await waitFor(() => expect(screen.getByTestId('handover-screen').dataset.step).toBe('recipient'));

    await fireEvent.click(screen.getByRole('button', { name: 'Keluar' }));
    const operator = (await screen.findByTestId('operator')) as HTMLInputElement;
    await fireEvent.input(operator, { target: { value: 'Dewi' } });
    await fireEvent.submit(operator.closest('form')!);
    await screen.findByTestId('search');
    await go('nav-handover');
    const search = (await screen.findByTestId('handover-search')) as HTMLInputElement;
    expect(screen.getByTestId('handover-screen').dataset.step).toBe('find');
    expect(screen.queryByTestId('handover-participant')).toBeNull();
    expect(search.value).toBe('');
    expect(client.handOver).not.toHaveBeenCalled();
  });
});
