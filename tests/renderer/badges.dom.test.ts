import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskSettings, ParticipantDetail } from '../../shared/api';
import CheckinScreen from '../../renderer/src/components/CheckinScreen.svelte';
import ParticipantView from '../../renderer/src/components/ParticipantView.svelte';
import PrintCheck from '../../renderer/src/components/PrintCheck.svelte';
import SelfCheckin from '../../renderer/src/components/SelfCheckin.svelte';
import SettingsScreen from '../../renderer/src/components/SettingsScreen.svelte';
import { AppState, appContext } from '../../renderer/src/lib/app.svelte';
import { KIOSK_PRINT_CHECK_MS } from '../../renderer/src/lib/kiosk.svelte';
import { AT_0815, DESK_INFO, badgeCode, fakeClient, person } from '../../renderer/test/fake-client';

const SITI = person({ id: 'p-siti', name: 'Siti Aminah', business: 'Amplang Bu Siti', nib: '0289010302776' });
const RAHMAH = person({ id: 'p-rahmah', name: 'Siti Rahmah', business: 'Kue Cincin Rahmah', nib: '1112210007923' });
/** A badge was printed for Budi before he arrived. */
const BUDI = person({
  id: 'p-budi',
  name: 'Budi Santoso',
  business: 'Dodol Kandangan',
  nib: '9120000000001',
  badges: [{ at: AT_0815, deskName: 'Meja 2', operator: 'Budi', layout: 'a6', reason: null }],
});

type Mode = DeskSettings['printMode'];

function makeApp(people: ParticipantDetail[], printMode: Mode = 'never') {
  const client = fakeClient(people, { printMode });
  const app = new AppState(client, () => () => {});
  app.info = structuredClone(DESK_INFO);
  app.settings = { printMode, layout: 'a6', printer: null, printers: [] };
  const printed = vi.fn(async (_html: string) => {});
  app.printDocument = printed;
  // The "did it print?" question that App.svelte shows over every screen after a browser print.
  render(PrintCheck, { context: appContext(app) });
  return { app, client, printed };
}

/** The operator answers "did the badge print?" after the browser's print dialog closed. */
async function answerPrinted(yes: boolean) {
  await fireEvent.click(await screen.findByTestId(yes ? 'print-check-yes' : 'print-check-no'));
}

function setup(printMode: Mode = 'never', people = [SITI, RAHMAH, BUDI]) {
  const made = makeApp(people, printMode);
  render(CheckinScreen, { context: appContext(made.app) });
  const box = screen.getByTestId('search') as HTMLInputElement;
  return { ...made, box };
}

let clock = 1_000_000;

/** One key press at a chosen time (KeyboardEvent.timeStamp is what the detector reads). */
function pressAt(key: string, time: number, target: Element = document.activeElement ?? document.body) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  Object.defineProperty(event, 'timeStamp', { value: time });
  target.dispatchEvent(event);
  return event;
}

/** A keyboard-wedge scanner: `gap` ms between keys, Enter at the end. */
async function scan(code: string, gap = 5) {
  for (const key of code) pressAt(key, (clock += gap));
  const enter = pressAt('Enter', (clock += gap));
  clock += 100;
  await tick();
  return enter;
}

/** A person typing: keys 110 ms apart, Enter at the end. */
async function typeSlowly(text: string) {
  for (const key of text) pressAt(key, (clock += 110));
  pressAt('Enter', (clock += 140));
  clock += 100;
  await tick();
}

beforeEach(() => {
  document.body.innerHTML = '';
  clock += 10_000;
});

describe('USB scanner anywhere on the check-in screen', () => {
  it('a burst while focus is on a button checks the participant in by code, then focus is back in the box', async () => {
    const { client, box } = setup();
    const camera = screen.getByTestId('open-camera');
    camera.focus();
    const enter = await scan(badgeCode('p-siti'));
    expect(enter.defaultPrevented).toBe(true);
    await waitFor(() => expect(client.checkIn).toHaveBeenCalledTimes(1));
    expect(client.checkIn).toHaveBeenCalledWith({ code: badgeCode('p-siti') });
    const outcome = await screen.findByTestId('outcome');
    await waitFor(() => expect(outcome.textContent).toContain('Berhasil — Siti Aminah tercatat hadir pukul 09.30 WITA'));
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(box.value).toBe('');
    expect(client.search).not.toHaveBeenCalled();
  });

  it('the same code scanned twice within 3 s counts once and says so', async () => {
    const { client } = setup();
    document.body.focus();
    await scan(badgeCode('p-siti'));
    await screen.findByTestId('outcome');
    await scan(badgeCode('p-siti'));
    await waitFor(() => expect(screen.getByTestId('checkin-note').textContent).toContain('Pindaian ganda diabaikan'));
    expect(client.checkIn).toHaveBeenCalledTimes(1);
  });

  it('a scanned NIB is sent as a code; an unknown one offers a walk-in with it', async () => {
    const { client } = setup();
    await scan('6300000000009');
    const notFound = await screen.findByTestId('not-found');
    expect(client.checkIn).toHaveBeenCalledWith({ code: '6300000000009' });
    expect(notFound.textContent).toContain('6300000000009');
  });

  it('a forged code is refused in red with the reason', async () => {
    const { client } = setup();
    await scan('LK1' + 'Z'.repeat(120));
    const outcome = await screen.findByTestId('outcome');
    expect(outcome.dataset.kind).toBe('error');
    expect(outcome.textContent).toContain('Kode QR PALSU');
    expect(client.checkIn).toHaveBeenCalledTimes(1);
  });

  it('slow typing of an NIB followed by Enter is not a scan: it opens the confirmation as before', async () => {
    const { client, box } = setup();
    box.focus();
    // The keys would type into the box in a browser; jsdom does not, so give the box its text too.
    await fireEvent.input(box, { target: { value: '0289010302776' } });
    await typeSlowly('');
    // Enter alone, long after any key: the search box's own Enter.
    await fireEvent.keyDown(box, { key: 'Enter' });
    const panel = await screen.findByTestId('confirm-panel');
    expect(within(panel).getByRole('heading').textContent).toBe('Siti Aminah');
    expect(client.checkIn).not.toHaveBeenCalled();
  });

  it('a human typing 13 digits and Enter (110 ms apart) sends no code', async () => {
    const { client } = setup();
    document.body.focus();
    await typeSlowly('0289010302776');
    await new Promise((r) => setTimeout(r, 50));
    expect(client.checkIn).not.toHaveBeenCalled();
  });

  it('a short fast burst (a fast typist) is not a scan either', async () => {
    const { client } = setup();
    await scan('siti', 20);
    await new Promise((r) => setTimeout(r, 50));
    expect(client.checkIn).not.toHaveBeenCalled();
  });
});

describe('badge printing on check-in', () => {
  it('always: the badge is printed right after the check-in (browser print of the returned HTML)', async () => {
    const { client, printed } = setup('always');
    await scan(badgeCode('p-siti'));
    await waitFor(() => expect(client.printBadge).toHaveBeenCalledWith({ participantId: 'p-siti' }));
    await waitFor(() => expect(printed).toHaveBeenCalledTimes(1));
    expect(printed.mock.calls[0]![0]).toContain('<h1>Siti Aminah</h1>');
    expect(screen.queryByTestId('print-offer')).toBeNull();
    await answerPrinted(true);
    await waitFor(() => expect(client.confirmBadgePrint).toHaveBeenCalledWith({ participantId: 'p-siti', layout: 'a6' }));
    await waitFor(() => expect(screen.getByTestId('checkin-note').textContent).toContain('Kartu Siti Aminah dicetak'));
  });

  it('a browser print counts only when the operator saw it print: "Tidak tercetak" records nothing and offers it again', async () => {
    const { client, printed, box } = setup('always');
    await scan(badgeCode('p-siti'));
    await waitFor(() => expect(printed).toHaveBeenCalledTimes(1));
    // The dialog has closed; nothing is recorded while the question is open.
    const question = await screen.findByTestId('print-check');
    expect(question.textContent).toContain('Kartu Siti Aminah sudah tercetak?');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('print-check-yes')));
    expect(client.confirmBadgePrint).not.toHaveBeenCalled();
    await fireEvent.keyDown(question, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('print-check')).toBeNull());
    expect(client.confirmBadgePrint).not.toHaveBeenCalled();
    expect((await client.participant({ id: 'p-siti' })).badges).toEqual([]);
    const offer = await screen.findByTestId('print-offer');
    expect(offer.textContent).toContain('tidak dicatat sebagai tercetak');
    expect(screen.queryByTestId('already-printed')).toBeNull();

    // Printed again and confirmed: one print, recorded once.
    await waitFor(() => expect(document.activeElement).toBe(box));
    await fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(printed).toHaveBeenCalledTimes(2));
    await answerPrinted(true);
    await waitFor(() => expect(screen.queryByTestId('print-offer')).toBeNull());
    expect(client.confirmBadgePrint).toHaveBeenCalledTimes(1);
    expect((await client.participant({ id: 'p-siti' })).badges).toHaveLength(1);
  });

  it('nobody answering (the kiosk) counts as not printed', async () => {
    const { app } = makeApp([SITI]);
    expect(await app.askPrinted('Siti Aminah', 20)).toBe(false);
    expect(app.printCheck).toBeNull();
    expect(screen.queryByTestId('print-check')).toBeNull();
  });

  it('ask: "Cetak kartu peserta?" with focus still in the box — Enter prints, Esc skips', async () => {
    const { client, box } = setup('ask');
    await scan(badgeCode('p-siti'));
    const offer = await screen.findByTestId('print-offer');
    expect(offer.textContent).toContain('Cetak kartu peserta?');
    expect(offer.textContent).toContain('Enter = Cetak, Esc = Lewati');
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(client.printBadge).not.toHaveBeenCalled();
    await fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(client.printBadge).toHaveBeenCalledWith({ participantId: 'p-siti' }));
    await answerPrinted(true);
    await waitFor(() => expect(screen.queryByTestId('print-offer')).toBeNull());
    expect(client.search).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(box));

    await scan(badgeCode('p-rahmah'));
    await screen.findByTestId('print-offer');
    await fireEvent.keyDown(box, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('print-offer')).toBeNull());
    expect(client.printBadge).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(box);
  });

  it('ask: the button prints too; typing the next search skips the question', async () => {
    const { client, box } = setup('ask');
    await scan('0289010302776');
    await fireEvent.click(within(await screen.findByTestId('print-offer')).getByTestId('print-confirm'));
    await waitFor(() => expect(client.printBadge).toHaveBeenCalledTimes(1));
    await answerPrinted(true);

    await scan(badgeCode('p-rahmah'));
    await screen.findByTestId('print-offer');
    await fireEvent.keyDown(box, { key: 's' });
    expect(screen.queryByTestId('print-offer')).toBeNull();
    expect(client.printBadge).toHaveBeenCalledTimes(1);
  });

  it('never: nothing is printed or offered', async () => {
    const { client } = setup('never');
    await scan(badgeCode('p-siti'));
    await screen.findByTestId('outcome');
    await new Promise((r) => setTimeout(r, 30));
    expect(screen.queryByTestId('print-offer')).toBeNull();
    expect(client.printBadge).not.toHaveBeenCalled();
  });

  it('a badge printed before is not reprinted silently: warning, and the reprint needs a reason', async () => {
    const { client, printed } = setup('always');
    await scan(badgeCode('p-budi'));
    const offer = await screen.findByTestId('print-offer');
    expect(client.printBadge).not.toHaveBeenCalled();
    expect(within(offer).getByTestId('already-printed').textContent).toContain('Sudah dicetak pukul 08.15 WITA di Meja 2 oleh Budi');
    const reason = within(offer).getByTestId('print-reason') as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(reason));

    await fireEvent.submit(offer); // Enter in the reason field, still empty
    expect(await within(offer).findByRole('alert')).toBeTruthy();
    expect(within(offer).getByRole('alert').textContent).toContain('Alasan wajib diisi');
    expect(client.printBadge).not.toHaveBeenCalled();

    await fireEvent.input(reason, { target: { value: 'Kartu hilang' } });
    await fireEvent.submit(offer);
    await waitFor(() => expect(client.printBadge).toHaveBeenCalledWith({ participantId: 'p-budi', reason: 'Kartu hilang' }));
    await waitFor(() => expect(printed).toHaveBeenCalledTimes(1));
    await answerPrinted(true);
    await waitFor(() => expect(client.confirmBadgePrint).toHaveBeenCalledWith({ participantId: 'p-budi', layout: 'a6', reason: 'Kartu hilang' }));
    await waitFor(() => expect(screen.queryByTestId('print-offer')).toBeNull());
  });
});

describe('webcam scanning', () => {
  it('no camera: a clear message, Esc closes and the box has the focus again', async () => {
    const { box } = setup();
    await fireEvent.keyDown(box, { key: 'F4' });
    const problem = await screen.findByTestId('camera-problem');
    expect(problem.textContent).toContain('Tidak ada kamera');
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByTestId('camera')).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(box));
  });

  it('permission denied says so', async () => {
    const getUserMedia = vi.fn(async () => {
      throw Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    });
    Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
    try {
      setup();
      await fireEvent.click(screen.getByTestId('open-camera'));
      expect((await screen.findByTestId('camera-problem')).textContent).toContain('Izin kamera ditolak');
    } finally {
      Reflect.deleteProperty(navigator, 'mediaDevices');
    }
  });
});

describe('participant view: badge preview and print', () => {
  it('shows the preview in a sandboxed iframe; "Cetak Ulang" asks for a reason first', async () => {
    const { app, client } = makeApp([BUDI]);
    render(ParticipantView, { props: { id: 'p-budi' }, context: appContext(app) });
    const preview = (await screen.findByTestId('badge-preview')) as HTMLIFrameElement;
    expect(preview.getAttribute('sandbox')).toBe('');
    expect(preview.getAttribute('srcdoc')).toContain('<h1>Budi Santoso</h1>');
    expect(screen.getByTestId('already-printed').textContent).toContain('Sudah dicetak pukul 08.15 WITA di Meja 2 oleh Budi');

    const print = screen.getByTestId('print-badge');
    expect(print.textContent).toContain('Cetak Ulang');
    await fireEvent.click(print);
    const reason = (await screen.findByTestId('print-reason')) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(reason));
    await fireEvent.submit(reason.form!);
    expect((await within(reason.form!).findByRole('alert')).textContent).toContain('Alasan wajib diisi');
    expect(client.printBadge).not.toHaveBeenCalled();
    await fireEvent.input(reason, { target: { value: 'Kartu rusak' } });
    await fireEvent.submit(reason.form!);
    await waitFor(() => expect(client.printBadge).toHaveBeenCalledWith({ participantId: 'p-budi', reason: 'Kartu rusak', layout: 'a6' }));
    await answerPrinted(true);
    expect(await screen.findByText('Kartu Budi Santoso dicetak.')).toBeTruthy();
  });

  it('"Cetak Kartu" prints a first badge straight away in the chosen size', async () => {
    const { app, client, printed } = makeApp([SITI]);
    render(ParticipantView, { props: { id: 'p-siti' }, context: appContext(app) });
    await screen.findByTestId('badge-preview');
    await fireEvent.change(screen.getByTestId('badge-layout'), { target: { value: 'thermal58' } });
    await waitFor(() => expect(client.badge).toHaveBeenLastCalledWith({ participantId: 'p-siti', layout: 'thermal58' }));
    const print = screen.getByTestId('print-badge');
    expect(print.textContent).toContain('Cetak Kartu');
    await fireEvent.click(print);
    await waitFor(() => expect(client.printBadge).toHaveBeenCalledWith({ participantId: 'p-siti', layout: 'thermal58' }));
    expect(printed).toHaveBeenCalledTimes(1);
    await answerPrinted(true);
    await waitFor(() => expect(client.confirmBadgePrint).toHaveBeenCalledWith({ participantId: 'p-siti', layout: 'thermal58' }));
  });
});

describe('desk settings (organizer)', () => {
  it('saves the print mode and layout, prints a test page, downloads one regency as PDF', async () => {
    const { app, client, printed } = makeApp([SITI]);
    URL.createObjectURL ??= () => 'blob:fake';
    URL.revokeObjectURL ??= () => {};
    render(SettingsScreen, { context: appContext(app) });
    const never = (await screen.findByTestId('print-mode-never')) as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(never));
    await fireEvent.click(screen.getByTestId('print-mode-ask'));
    await waitFor(() => expect(client.setDeskSettings).toHaveBeenCalledWith({ printMode: 'ask' }));
    await waitFor(() => expect(app.settings?.printMode).toBe('ask'));
    await fireEvent.change(screen.getByTestId('desk-layout'), { target: { value: 'cr80' } });
    await waitFor(() => expect(client.setDeskSettings).toHaveBeenCalledWith({ layout: 'cr80' }));
    expect(screen.queryByTestId('desk-printer')).toBeNull(); // the browser fallback has no printer list

    await fireEvent.click(screen.getByTestId('print-test-page'));
    await waitFor(() => expect(printed).toHaveBeenCalledWith('<!doctype html><p>Uji</p>'));

    await fireEvent.change(screen.getByTestId('batch-regency'), { target: { value: '63.72' } });
    await fireEvent.change(screen.getByTestId('batch-layout'), { target: { value: 'a4' } });
    await fireEvent.click(screen.getByTestId('batch-download'));
    await waitFor(() => expect(client.batchBadges).toHaveBeenCalledWith({ layout: 'a4', regency: '63.72' }));
    expect(await screen.findByText('PDF Kartu Peserta 63.72.pdf diunduh. Kartu di dalamnya tercatat dibuat untuk dicetak, belum tercetak.')).toBeTruthy();
  });

  it('lists the printers when the desk can print silently', async () => {
    const { app, client } = makeApp([SITI]);
    client.deskSettings.mockResolvedValue({ printMode: 'always', layout: 'thermal80', printer: null, printers: ['EPSON TM-T82', 'HP LaserJet'] });
    render(SettingsScreen, { context: appContext(app) });
    const select = (await screen.findByTestId('desk-printer')) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['Printer bawaan sistem', 'EPSON TM-T82', 'HP LaserJet']);
    await fireEvent.change(select, { target: { value: 'EPSON TM-T82' } });
    await waitFor(() => expect(client.setDeskSettings).toHaveBeenCalledWith({ printer: 'EPSON TM-T82' }));
  });
});

describe('self check-in kiosk', () => {
  it('a scan welcomes the participant by name and prints the badge, then returns to the idle screen', async () => {
    const { app, client, printed } = makeApp([SITI, BUDI], 'ask');
    app.view = { name: 'kiosk' };
    render(SelfCheckin, { props: { returnMs: 150 }, context: appContext(app) });
    expect(screen.getByTestId('kiosk').dataset.phase).toBe('idle');
    expect(screen.getByTestId('kiosk').textContent).toContain('Silakan pindai kode QR');
    await scan(badgeCode('p-siti'));
    const welcome = await screen.findByTestId('kiosk-welcome');
    expect(welcome.textContent).toContain('Selamat datang, Siti Aminah');
    await waitFor(() => expect(client.printBadge).toHaveBeenCalledWith({ participantId: 'p-siti' }));
    await answerPrinted(true);
    await waitFor(() => expect(screen.getByTestId('kiosk-print').textContent).toContain('Silakan ambil kartu peserta Anda'));
    expect(printed).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.getByTestId('kiosk').dataset.phase).toBe('idle'), { timeout: 2000 });
  });

  it('nobody answering "did it print?" within 20 s records no print, and the welcome sends the participant to the desk', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    try {
      const { app, client, printed } = makeApp([SITI], 'always');
      app.view = { name: 'kiosk' };
      render(SelfCheckin, { props: { returnMs: 60_000 }, context: appContext(app) });
      await scan(badgeCode('p-siti'));
      await waitFor(() => expect(printed).toHaveBeenCalledTimes(1));
      await screen.findByTestId('print-check');
      await vi.advanceTimersByTimeAsync(KIOSK_PRINT_CHECK_MS - 1000);
      expect(screen.getByTestId('print-check')).toBeTruthy();
      await vi.advanceTimersByTimeAsync(1000);
      await waitFor(() => expect(screen.queryByTestId('print-check')).toBeNull());
      await waitFor(() => expect(screen.getByTestId('kiosk-print').textContent).toContain('meja petugas'));
      expect(client.confirmBadgePrint).not.toHaveBeenCalled();
      expect((await client.participant({ id: 'p-siti' })).badges).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('already printed: just the welcome, no reprint; a forged code gets a friendly error', async () => {
    const { app, client } = makeApp([SITI, BUDI], 'always');
    app.view = { name: 'kiosk' };
    render(SelfCheckin, { props: { returnMs: 5000 }, context: appContext(app) });
    await scan(badgeCode('p-budi'));
    expect((await screen.findByTestId('kiosk-welcome')).textContent).toContain('Selamat datang, Budi Santoso');
    expect(screen.getByTestId('kiosk-print').textContent).toContain('sudah dicetak sebelumnya');
    expect(client.printBadge).not.toHaveBeenCalled();

    await scan('LK1' + 'Q'.repeat(120));
    const error = await screen.findByTestId('kiosk-error');
    expect(error.textContent).toContain('Maaf, kode tidak dapat diterima');
    expect(error.textContent).toContain('Silakan menuju meja petugas');
  });

  it('ordinary typing does nothing; leaving asks for the organizer PIN every time', async () => {
    const { app, client } = makeApp([SITI]);
    app.view = { name: 'kiosk' };
    app.info = { ...structuredClone(DESK_INFO), organizerUntil: Date.now() + 60_000 };
    render(SelfCheckin, { context: appContext(app) });
    await typeSlowly('0289010302776');
    expect(client.checkIn).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('kiosk-exit'));
    expect(app.pinPrompt).not.toBeNull();
    await app.unlock('12345678');
    expect(client.unlockOrganizer).toHaveBeenCalledWith({ pin: '12345678' });
    expect(app.view).toEqual({ name: 'checkin' });
  });
});
