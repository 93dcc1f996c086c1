import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryPdf } from '../../electron/core/export/documents/summary-pdf';
import { exportDay } from '../../electron/core/export/export-day';
import { setRetention } from '../../electron/core/services/privacy-service';
import { privacyNotice } from '../../shared/privacy-notice';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { pdfText } from '../helpers/pdf';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('data-processing notice', () => {
  it('says what, why, who and how long, in both languages, with the event and retention date', () => {
    const id = privacyNotice('id', { eventName: 'Fasilitasi Halal 2024', retentionDate: '2024-08-31' });
    const en = privacyNotice('en', { eventName: 'Fasilitasi Halal 2024', retentionDate: null });
    expect(id.title).toBe('Pemberitahuan Pemrosesan Data Pribadi');
    expect(id.items.join(' ')).toMatch(/NIB[\s\S]*Fasilitasi Halal 2024[\s\S]*kementerian[\s\S]*31 Agustus 2024/);
    expect(en.items.join(' ')).toMatch(/NIB[\s\S]*Fasilitasi Halal 2024[\s\S]*ministry[\s\S]*until the Dinas has received the report/);
    expect(id.items).toHaveLength(5);
  });

  it('travels with the export: in the manifest and on the summary page', async () => {
    const desk = openEventDesk(tempDir(), [person()]);
    setRetention(desk, '2024-06-30');
    const folder = join(tempDir(), 'out');
    await exportDay(desk, { folder, pdf: false });
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { privacyNotice: Record<string, { title: string; items: string[] }> };
    expect(manifest.privacyNotice.id!.items.join(' ')).toContain('30 Juni 2024');
    expect(manifest.privacyNotice.en!.title).toBe('Personal data processing notice');

    const event = desk.requireEvent();
    const summary = pdfText(await summaryPdf({ event, deskName: 'Meja 1', digest: 'x', eventCount: 1, completeness: { complete: true, statement: 'Lengkap', warnings: [], desks: [] }, files: [], stamp: new Date(0) }));
    expect(summary).toContain('Pemberitahuan Pemrosesan Data Pribadi');
    expect(summary).toContain('30 Juni 2024');
    desk.close();
  });
});
