import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import ConflictsScreen from '../../renderer/src/components/ConflictsScreen.svelte';
import HandoverScreen from '../../renderer/src/components/HandoverScreen.svelte';
import ParticipantCertificates from '../../renderer/src/components/ParticipantCertificates.svelte';
import PinDialog from '../../renderer/src/components/PinDialog.svelte';
import StockScreen from '../../renderer/src/components/StockScreen.svelte';
import { AppState, appContext } from '../../renderer/src/lib/app.svelte';
import { handoverOf } from '../../renderer/src/lib/handover.svelte';
import { AT_0815, DESK_INFO, person } from '../../renderer/test/fake-client';
import { certificate, fakeHandoverClient } from '../../renderer/test/fake-handover';
import type { CertificateView } from '../../shared/api';

const SITI = person({ id: 'p-siti', name: 'Siti Aminah', business: 'Amplang Bu Siti', nib: '0289010302776', present: true });
const BUDI = person({ id: 'p-budi', name: 'Budi Santoso', business: 'Dodol Kandangan', nib: '9120000000001' });
const SITI_CERT = certificate({ id: 'c-siti', number: 'ID63110000123450524', participantId: 'p-siti', participantName: 'Siti Aminah', nib: SITI.nib });
const SITI_LATER = certificate({ id: 'c-siti2', number: 'ID63110000123460524', participantId: 'p-siti', participantName: 'Siti Aminah', status: 'belum_terbit', issueDate: null });
const BUDI_CERT = certificate({ id: 'c-budi', number: 'ID63110000999990524', participantId: 'p-budi', participantName: 'Budi Santoso', nib: BUDI.nib });
const HANDED: CertificateView = certificate({
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
      recipient: { kind: 'representative', name: 'Ahmad', relationship: 'Anak', idNumberMasked: '6372••••0001', letterShown: true },
      signature: 'M 10 10 L 200 200',
      photo: null,
      overrideReason: null,
    },
  ],
});

// jsdom has no 2D canvas (it logs "not implemented"): the pad draws nothing, the strokes still count.
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});

function setup(certs = [SITI_CERT, SITI_LATER, BUDI_CERT, HANDED]) {
  const client = fakeHandoverClient([SITI, BUDI], certs);
  const app = new AppState(client, () => () => {});
  app.info = structuredClone(DESK_INFO);
  app.view = { name: 'handover' };
  const printed: string[] = [];
  app.printDocument = vi.fn(async (html: string) => {
    printed.push(html);
  });
  render(HandoverScreen, { context: appContext(app) });
  return { app, client, printed, flow: handoverOf(app) };
}

const focused = () => document.activeElement as HTMLElement;
const step = () => screen.getByTestId('handover-screen').dataset.step;

/** Find Siti by name and open her certificates. */
async function openSiti() {
  const box = screen.getByTestId('handover-search') as HTMLInputElement;
  await waitFor(() => expect(focused()).toBe(box));
  await fireEvent.input(box, { target: { value: 'siti' } });
  await screen.findAllByTestId('handover-result');
  await fireEvent.keyDown(box, { key: 'Enter' });
  await waitFor(() => expect(step()).toBe('certificate'));
  const number = screen.getByTestId('handover-number') as HTMLInputElement;
  await waitFor(() => expect(focused()).toBe(number));
  return number;
}

/** What a USB scanner does in the number box: the text, then Enter. */
async function scanNumber(box: HTMLInputElement, value: string) {
  await fireEvent.input(box, { target: { value } });
  await fireEvent.keyDown(box, { key: 'Enter' });
}

async function drawSignature() {
  const pad = screen.getByTestId('signature-pad');
  await fireEvent.pointerDown(pad, { pointerId: 1, pointerType: 'mouse', button: 0, clientX: 100, clientY: 200 });
  for (let i = 1; i <= 10; i++) await fireEvent.pointerMove(pad, { pointerId: 1, pointerType: 'mouse', clientX: 100 + i * 30, clientY: 200 + (i % 2) * 40 });
  await fireEvent.pointerUp(pad, { pointerId: 1, pointerType: 'mouse', clientX: 400, clientY: 200 });
}

describe('certificate handover flow', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('a certificate imported while the operator was on another screen shows when they come back', async () => {
    const { app, client } = setup([BUDI_CERT]);
    const box = screen.getByTestId('handover-search') as HTMLInputElement;
    await waitFor(() => expect(focused()).toBe(box));
    await fireEvent.input(box, { target: { value: 'siti' } });
    await screen.findAllByTestId('handover-result');
    await fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(step()).toBe('certificate'));
    expect(screen.getByTestId('handover-screen').textContent).toContain('Belum ada sertifikat');

    // Off to "Impor Daftar Sertifikat"; her certificate is imported; back to the handover.
    document.body.innerHTML = '';
    app.view = { name: 'certImport' };
    client.certificates.mockImplementation(async ({ participantId }) => (participantId === 'p-siti' ? [structuredClone(SITI_CERT)] : []));
    app.view = { name: 'handover' };
    render(HandoverScreen, { context: appContext(app) });
    expect(await screen.findByTestId('cert-row')).toBeTruthy();
    expect(screen.getByTestId('handover-screen').textContent).not.toContain('Belum ada sertifikat');
    const number = (await screen.findByTestId('handover-number')) as HTMLInputElement;
    await scanNumber(number, SITI_CERT.number);
    await waitFor(() => expect(step()).toBe('recipient'));
  });

  it('the certificate step asks the desk once per visit, not again after each answer', async () => {
    const { client } = setup();
    // Answers after a timer, as over the wire: a loop of instant answers would never let the test's own timers run.
    const answer = client.certificates.getMockImplementation()!;
    client.certificates.mockImplementation(async (input) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return answer(input);
    });
    await openSiti();
    const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
    await settle();
    const asked = client.certificates.mock.calls.length;
    await settle();
    // The refresh on showing the screen wrote the participant it had read: read again, fetched again, forever.
    expect(client.certificates.mock.calls.length).toBe(asked);
    expect(asked).toBeLessThanOrEqual(3);
  });

  it('a certificate of someone else is refused in big red "AMPLOP SALAH", nothing is recorded', async () => {
    const { client } = setup();
    const number = await openSiti();
    const list = screen.getByTestId('cert-list');
    expect(within(list).getAllByTestId('cert-row').map((r) => r.dataset.status)).toEqual(['tersedia', 'belum_terbit']);

    await scanNumber(number, BUDI_CERT.number);
    const wrong = await screen.findByTestId('wrong-envelope');
    expect(wrong.textContent).toContain('AMPLOP SALAH');
    expect(wrong.textContent).toContain(`Sertifikat ${BUDI_CERT.number} bukan milik Siti Aminah`);
    expect(wrong.getAttribute('role')).toBe('alert');
    expect(step()).toBe('certificate');
    expect(client.handOver).not.toHaveBeenCalled();
    // The box keeps focus with the text selected: the next scan replaces it.
    await waitFor(() => expect(focused()).toBe(number));

    // A certificate not issued yet cannot go out either.
    await scanNumber(number, SITI_LATER.number);
    expect((await screen.findByTestId('handover-problem')).textContent).toContain('belum terbit');
  });

  it('the core refusing with wrong_envelope (names the owner) sends the operator back to the number', async () => {
    const { client, flow } = setup();
    const number = await openSiti();
    await scanNumber(number, SITI_CERT.number.toLowerCase()); // scanners may send lower case
    await waitFor(() => expect(step()).toBe('recipient'));
    // Meanwhile the certificate list changed elsewhere: the core has the last word.
    client.handOver.mockRejectedValueOnce(Object.assign(new Error('x'), { code: 'wrong_envelope', params: { number: SITI_CERT.number, owner: 'Budi Santoso', nib: '9120000000001' } }));
    flow.signature = 'M 1 1 L 2 2';
    flow.step = 'confirm';
    await screen.findByTestId('handover-confirm');
    await fireEvent.click(screen.getByTestId('handover-submit'));
    const wrong = await screen.findByTestId('wrong-envelope');
    expect(wrong.textContent).toContain('milik Budi Santoso (NIB 9120000000001)');
    expect(step()).toBe('certificate');
  });

  it('a representative needs a name and a relationship; the ID number is masked once typed', async () => {
    setup();
    const number = await openSiti();
    await scanNumber(number, SITI_CERT.number);
    await waitFor(() => expect(step()).toBe('recipient'));
    const owner = screen.getByTestId('kind-owner') as HTMLInputElement;
    await waitFor(() => expect(focused()).toBe(owner));
    expect(screen.getByTestId('recipient-step').textContent).toContain('Siti Aminah');

    await fireEvent.keyDown(owner, { key: '2' });
    const name = await screen.findByTestId('rep-name');
    await fireEvent.click(screen.getByTestId('recipient-next'));
    expect((await screen.findByTestId('recipient-error')).textContent).toBe('Nama dan hubungan penerima kuasa wajib diisi.');
    expect(step()).toBe('recipient');

    await fireEvent.input(name, { target: { value: 'Ahmad Fauzi' } });
    await fireEvent.click(screen.getByTestId('recipient-next'));
    expect(step()).toBe('recipient'); // still no relationship

    await fireEvent.input(screen.getByTestId('rep-relationship'), { target: { value: 'Anak' } });
    const id = screen.getByTestId('rep-id') as HTMLInputElement;
    await fireEvent.focus(id);
    await fireEvent.input(id, { target: { value: '6372011203900001' } });
    await fireEvent.blur(id);
    expect(id.value).toBe('6372••••••••0001');
    await fireEvent.click(screen.getByTestId('rep-letter'));
    await fireEvent.click(screen.getByTestId('recipient-next'));
    await waitFor(() => expect(step()).toBe('proof'));
  });

  it('the signature is required before the confirmation; Esc on the confirmation goes back; Enter hands over and prints the receipt', async () => {
    const { client, printed } = setup();
    const number = await openSiti();
    await scanNumber(number, SITI_CERT.number);
    await waitFor(() => expect(step()).toBe('recipient'));
    await fireEvent.keyDown(focused(), { key: 'Enter' }); // the owner in person
    await waitFor(() => expect(step()).toBe('proof'));

    const next = screen.getByTestId('proof-next');
    await fireEvent.click(next);
    expect((await screen.findByTestId('proof-error')).textContent).toBe('Tanda tangan penerima wajib.');
    expect(step()).toBe('proof');
    expect(screen.queryByTestId('handover-confirm')).toBeNull();

    await drawSignature();
    await waitFor(() => expect(screen.queryByTestId('proof-error')).toBeNull());
    expect(screen.getByTestId('signature-pad').dataset.empty).toBe('false');
    await fireEvent.click(next);
    const confirm = await screen.findByTestId('handover-confirm');
    expect(confirm.textContent).toContain(SITI_CERT.number);
    expect(screen.getByTestId('confirm-recipient').textContent).toContain('Siti Aminah (pemilik, langsung)');
    expect(screen.getByTestId('confirm-signature').querySelector('path')?.getAttribute('d')).toMatch(/^M \d+ \d+ L/);
    await waitFor(() => expect(focused()).toBe(screen.getByTestId('handover-submit')));

    // Esc: back to the signature, which is kept; nothing recorded.
    await fireEvent.keyDown(focused(), { key: 'Escape' });
    await waitFor(() => expect(step()).toBe('proof'));
    expect(client.handOver).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('proof-next'));
    await waitFor(() => expect(step()).toBe('confirm'));

    // Enter on the confirmation (not on a button) hands over.
    await fireEvent.keyDown(document.body, { key: 'Enter' });
    await screen.findByTestId('handover-done');
    expect(client.handOver).toHaveBeenCalledTimes(1);
    const sent = client.handOver.mock.calls[0]![0];
    expect(sent).toMatchObject({ participantId: 'p-siti', number: SITI_CERT.number, recipient: { kind: 'owner', name: 'Siti Aminah' }, photo: null });
    expect(sent.signature).toMatch(/^M \d+ \d+( L \d+ \d+)+$/);
    expect(sent).not.toHaveProperty('overrideReason');
    expect(screen.getByTestId('handover-done').textContent).toContain(`Sertifikat ${SITI_CERT.number} diserahkan`);
    await waitFor(() => expect(printed).toHaveLength(1));
    expect(printed[0]).toContain('TANDA TERIMA');
    expect((screen.getByTestId('receipt-preview') as HTMLIFrameElement).getAttribute('srcdoc')).toContain(SITI_CERT.number);

    // Enter: the next participant, in an empty search box.
    await waitFor(() => expect(focused()).toBe(screen.getByTestId('handover-next')));
    await fireEvent.click(screen.getByTestId('handover-next'));
    await waitFor(() => expect(step()).toBe('find'));
    expect((screen.getByTestId('handover-search') as HTMLInputElement).value).toBe('');
  });

  it('already handed over shows when, where, by whom and to whom; again only with the PIN and a reason', async () => {
    const { app, client, flow } = setup();
    await flow.open('p-budi');
    const number = (await screen.findByTestId('handover-number')) as HTMLInputElement;
    await scanNumber(number, HANDED.number);
    const already = await screen.findByTestId('already-handed');
    expect(already.textContent).toContain('SUDAH DISERAHKAN');
    expect(already.textContent).toMatch(/pukul 08\.15 WITA di Meja 2 oleh Budi kepada Ahmad/);

    await fireEvent.click(screen.getByTestId('override-start'));
    expect(app.pinPrompt).not.toBeNull();
    render(PinDialog, { context: appContext(app) });
    await fireEvent.input(screen.getByTestId('pin'), { target: { value: '12345678' } });
    await fireEvent.submit(screen.getByTestId('pin').closest('form')!);
    const reason = await screen.findByTestId('override-reason');
    await fireEvent.submit(reason.closest('form')!);
    expect(screen.getByTestId('already-handed').textContent).toContain('Alasan wajib diisi');
    await fireEvent.input(reason, { target: { value: 'Sertifikat pertama rusak' } });
    await fireEvent.submit(reason.closest('form')!);
    await waitFor(() => expect(step()).toBe('recipient'));
    flow.signature = 'M 5 5 L 9 9';
    flow.step = 'confirm';
    expect((await screen.findByTestId('handover-confirm')).textContent).toContain('Sertifikat pertama rusak');
    await fireEvent.click(screen.getByTestId('handover-submit'));
    await screen.findByTestId('handover-done');
    expect(client.handOver.mock.calls[0]![0]).toMatchObject({ number: HANDED.number, overrideReason: 'Sertifikat pertama rusak' });
  });
});

describe('certificates in the participant view', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('lists status and handover; "Batalkan serah terima" needs the organizer and a reason', async () => {
    const client = fakeHandoverClient([SITI, BUDI], [BUDI_CERT, HANDED]);
    const app = new AppState(client, () => () => {});
    app.info = structuredClone(DESK_INFO);
    render(ParticipantCertificates, { props: { participantId: 'p-budi' }, context: appContext(app) });
    const rows = await screen.findAllByTestId('cert-row');
    expect(rows.map((r) => r.dataset.status)).toEqual(['tersedia', 'diserahkan']);
    expect(within(rows[1]!).getByTestId('cert-handover').textContent).toMatch(/kepada Ahmad \(diwakilkan, Anak\)/);

    await fireEvent.click(within(rows[1]!).getByTestId('cert-void-start'));
    expect(app.pinPrompt).not.toBeNull();
    await app.unlock('12345678');
    const reason = await screen.findByTestId('cert-void-reason');
    await fireEvent.click(screen.getByTestId('cert-void-confirm'));
    expect(await screen.findByText('Alasan wajib diisi.', { exact: false })).toBeTruthy();
    expect(client.voidHandover).not.toHaveBeenCalled();
    await fireEvent.input(reason, { target: { value: 'Salah serah' } });
    await fireEvent.keyDown(reason, { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(client.voidHandover).toHaveBeenCalledWith({ certificateId: 'c-handed', reason: 'Salah serah' }));
    await waitFor(() => expect(screen.getAllByTestId('cert-row').map((r) => r.dataset.status)).toEqual(['tersedia', 'tersedia']));
  });
});

describe('conflicts and stock', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('shows every competing handover and records the organizer decision', async () => {
    const twice: CertificateView = {
      ...HANDED,
      conflict: true,
      handovers: [
        HANDED.handovers[0]!,
        { ...HANDED.handovers[0]!, id: 'desk-a:3', deskName: 'Meja 1', operator: 'Rina', recipient: { kind: 'owner', name: 'Budi Santoso', relationship: null, idNumberMasked: null, letterShown: false } },
      ],
    };
    const client = fakeHandoverClient([SITI, BUDI], [twice], { conflicts: [{ kind: 'handover', certificate: twice }] });
    const app = new AppState(client, () => () => {});
    app.info = structuredClone(DESK_INFO);
    await app.unlock('12345678');
    render(ConflictsScreen, { context: appContext(app) });
    const card = await screen.findByTestId('conflict');
    expect(card.textContent).toContain(`Sertifikat ${HANDED.number} diserahkan 2 kali`);
    expect(card.textContent).toContain('Ahmad (diwakilkan, Anak)');
    expect(card.textContent).toContain('Budi Santoso (pemilik, langsung)');
    expect(card.textContent).toMatch(/Meja 2 · petugas Budi/);

    await fireEvent.click(screen.getByTestId('conflict-resolve'));
    expect(card.textContent).toContain('Pilih satu serah terima yang berlaku.');
    await fireEvent.click(screen.getAllByTestId('conflict-keep')[1]!);
    await fireEvent.input(screen.getByTestId('conflict-reason'), { target: { value: 'Pemilik datang sendiri' } });
    await fireEvent.click(screen.getByTestId('conflict-resolve'));
    await waitFor(() => expect(client.resolveConflict).toHaveBeenCalledWith({ certificateId: 'c-handed', keep: 'desk-a:3', reason: 'Pemilik datang sendiri' }));
    expect(await screen.findByTestId('conflicts-none')).toBeTruthy();
  });

  it('stock per regency and desk with totals; closing the desk shows and prints the report', async () => {
    const client = fakeHandoverClient([SITI], [SITI_CERT]);
    const app = new AppState(client, () => () => {});
    app.info = structuredClone(DESK_INFO);
    const printed: string[] = [];
    app.printDocument = async (html) => void printed.push(html);
    render(StockScreen, { context: appContext(app) });
    const regency = await screen.findByTestId('stock-regency');
    expect(regency.textContent).toContain('Kota Banjarbaru');
    expect(regency.querySelector('tfoot')?.textContent).toContain('Jumlah');
    expect(screen.getByTestId('stock-desk').textContent).toContain('Meja 1');

    await fireEvent.click(screen.getByTestId('close-desk'));
    await fireEvent.click(await screen.findByTestId('close-confirm'));
    expect((await screen.findByTestId('desk-closing')).textContent).toContain('Meja 1 ditutup pukul 09.30 WITA');
    await fireEvent.click(screen.getByTestId('closing-print'));
    await waitFor(() => expect(printed[0]).toContain('PENUTUPAN MEJA'));
  });
});
