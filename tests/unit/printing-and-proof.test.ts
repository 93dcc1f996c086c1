import { describe, expect, it, vi } from 'vitest';
import { LoketError } from '../../shared/errors';
import { Desk } from '../../electron/core/desk';
import { bastPdf } from '../../electron/core/export/documents/bast-pdf';
import { collectReport } from '../../electron/core/export/report-data';
import { createEvent, signIn } from '../../electron/core/services/event-service';
import { printBadge } from '../../electron/core/services/badge-service';
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
