import { describe, expect, it, vi } from 'vitest';
import { LoketError } from '../../shared/errors';
import { Desk } from '../../electron/core/desk';
import { bastPdf } from '../../electron/core/export/documents/bast-pdf';
import { collectReport } from '../../electron/core/export/report-data';
import { createEvent, signIn } from '../../electron/core/services/event-service';
import { batchBadges, confirmBadgePrint, printBadge } from '../../electron/core/services/badge-service';
import { checkIn } from '../../electron/core/services/checkin-service';
import { participantIdFor } from '../../electron/core/ids';
import type { DeskPrinter, Platform } from '../../electron/core/platform/seams';
import { exportDay, SIG } from '../helpers/export-fixture';
import { person, PIN } from '../helpers/desk-fixture';
import { pdfDrawing } from '../helpers/pdf';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** The Electron print API cannot run here; its seam is exercised with a recording double. */
function deskWithPrinter(print: DeskPrinter['print']): Desk {
  const platform: Platform = { printer: { printers: async () => ['Thermal-58'], print } };
  const desk = Desk.open(tempDir(), { platform });
  createEvent(desk, { name: 'Fasilitasi Halal', date: '2024-05-21', venue: '', timezone: 'Asia/Makassar', nibRequired: true, pin: PIN });
  signIn(desk, 'Rina');
  const p = person();
  desk.record([{ type: 'participant.imported', body: { id: participantIdFor(desk.secret, p.nib!), ...p, source: { file: 'x', sheet: 'S', row: 2 }, prev: null } }], 'Rina');
  return desk;
}

describe('silent printing through the desk printer seam', () => {
  it('prints silently on the chosen printer and paper, and a reprint needs a reason', async () => {
    const print = vi.fn(async () => undefined);
    const desk = deskWithPrinter(print);
    desk.setMeta('printer', 'Thermal-58');
    desk.setMeta('badge_layout', 'thermal58');
    const id = participantIdFor(desk.secret, person().nib!);
    expect((await printBadge(desk, { participantId: id })).mode).toBe('silent');
    expect(print).toHaveBeenCalledWith(expect.stringContaining('@page { size: 58mm'), { printer: 'Thermal-58', layout: 'thermal58' });
    await expect(printBadge(desk, { participantId: id })).rejects.toMatchObject({ code: 'reprint_reason_required' });
    expect((await printBadge(desk, { participantId: id, reason: 'kartu hilang' })).participant.badges.map((b) => b.reason)).toEqual([null, 'kartu hilang']);
    desk.close();
  });

  it('records nothing when the printer fails, and says why', async () => {
    const desk = deskWithPrinter(async () => {
      throw new Error('paper jam');
    });
    const id = participantIdFor(desk.secret, person().nib!);
    const failure = await printBadge(desk, { participantId: id }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(LoketError);
    expect(failure).toMatchObject({ code: 'printer_failed', params: { detail: 'paper jam' } });
    expect(desk.view.get(id)!.badges).toEqual([]);
    desk.close();
  });
});

/** A desk with no silent printer: the browser fallback. */
function deskWithoutPrinter(): Desk {
  const desk = Desk.open(tempDir(), { platform: { printer: null } });
  createEvent(desk, { name: 'Fasilitasi Halal', date: '2024-05-21', venue: '', timezone: 'Asia/Makassar', nibRequired: true, pin: PIN });
  signIn(desk, 'Rina');
  const p = person();
  desk.record([{ type: 'participant.imported', body: { id: participantIdFor(desk.secret, p.nib!), ...p, source: { file: 'x', sheet: 'S', row: 2 }, prev: null } }], 'Rina');
  return desk;
}

describe('what counts as a printed badge', () => {
  it('in the browser, records the print only when the operator confirms it came out of the printer', async () => {
    const desk = deskWithoutPrinter();
    const id = participantIdFor(desk.secret, person().nib!);
    const logged = desk.store.count();
    const outcome = await printBadge(desk, { participantId: id, layout: 'cr80' });
    expect(outcome).toMatchObject({ mode: 'browser', layout: 'cr80' });
    expect(outcome.html).toContain('<!doctype html>');
    // The dialog opened; whether anything printed is not known yet: nothing is recorded.
    expect(desk.store.count()).toBe(logged);
    expect(desk.view.get(id)!.badges).toEqual([]);
    // Opening the dialog twice needs no reason either, since nothing was printed.
    expect((await printBadge(desk, { participantId: id })).participant.badges).toEqual([]);

    const confirmed = confirmBadgePrint(desk, { participantId: id, layout: 'cr80' });
    expect(confirmed.badges).toMatchObject([{ layout: 'cr80', reason: null, operator: 'Rina' }]);
    expect(() => confirmBadgePrint(desk, { participantId: id, layout: 'cr80' })).toThrow(expect.objectContaining({ code: 'reprint_reason_required' }));
    await expect(printBadge(desk, { participantId: id })).rejects.toMatchObject({ code: 'reprint_reason_required' });
    expect(confirmBadgePrint(desk, { participantId: id, layout: 'a6', reason: 'kartu hilang' }).badges.map((b) => b.reason)).toEqual([null, 'kartu hilang']);
    desk.close();
  });

  it('records a batch PDF as generated for printing, not as printed, so the desk still prints unasked', async () => {
    const desk = deskWithoutPrinter();
    const id = participantIdFor(desk.secret, person().nib!);
    const pdf = await batchBadges(desk, { layout: 'a4' });
    expect(pdf.count).toBe(1);
    const events = [...desk.store.all()].filter((e) => e.type.startsWith('badge.'));
    expect(events.map((e) => [e.type, e.body])).toEqual([['badge.generated', { participant: id, layout: 'a4' }]]);
    // Not a print: no "printed before" at a check-in, and the first real print needs no reason.
    const arrived = checkIn(desk, { participantId: id, via: 'qr' });
    expect(arrived.participant.badges).toEqual([]);
    expect(arrived.participant.history.map((h) => h.action)).toContain('badge.generated');
    expect(confirmBadgePrint(desk, { participantId: id, layout: 'a6' }).badges).toHaveLength(1);
    desk.close();
  });
});

describe('proof of handover', () => {
  it('carries the drawn signature into the exported Berita Acara', async () => {
    const { a, b } = await exportDay(tempDir);
    // The signature's own path, drawn in the 1000×400 box's units under a scaling transform.
    const strokes = [...SIG.matchAll(/([ML])(\d+) (\d+)/g)].map(([, op, x, y]) => `${x} ${y} ${op === 'M' ? 'm' : 'l'}`);
    expect(strokes.length).toBeGreaterThan(1);
    expect(pdfDrawing(await bastPdf(collectReport(a), new Date(0)))).toContain(`${strokes.join('\n')}\nS`);
    a.close();
    b.close();
  });
});
