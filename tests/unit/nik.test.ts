import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDay } from '../../electron/core/export/export-day';
import { registerWalkIn } from '../../electron/core/services/checkin-service';
import { markExported, purgePersonalData } from '../../electron/core/services/privacy-service';
import { maskNik, parseNik } from '../../shared/domain/nik';
import { openEventDesk, PIN } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const NIK = '6371045505900001';
const base = { name: 'Rahmah Ansyari', business: '', phone: undefined, regency: '63.71', district: '', address: '', productType: '', productName: '' };

describe('NIK', () => {
  it('checks length, province and date (women +40), and masks all but the ends', () => {
    expect(parseNik('6371 0455 0590 0001')).toEqual({ ok: true, nik: NIK });
    expect(parseNik('6371041505900001').ok).toBe(true);
    expect(parseNik('637104550590001').ok).toBe(false); // 15 digits
    expect(parseNik('0971045505900001').ok).toBe(false); // no province 09
    expect(parseNik('6371043505900001').ok).toBe(false); // day 35
    expect(parseNik('6371045513900001').ok).toBe(false); // month 13
    expect(maskNik(NIK)).toBe('6371••••••••0001');
  });

  it('is optional at the walk-in desk, shown masked, and in full only in the ministry export', async () => {
    const dir = tempDir();
    const desk = openEventDesk(dir);
    const without = registerWalkIn(desk, { ...base, nib: '6371000000001' });
    expect(without.participant.nikMasked).toBeNull();
    expect(() => registerWalkIn(desk, { ...base, nib: '6371000000002', nik: '6371043505900001' })).toThrow(expect.objectContaining({ code: 'nik_invalid', params: {} }));

    const outcome = registerWalkIn(desk, { ...base, nib: '6371000000003', nik: '6371 0455 0590 0001' });
    expect(outcome.participant.nikMasked).toBe('6371••••••••0001');
    expect(JSON.stringify(outcome)).not.toContain(NIK);

    const template = join(dir, 'kemenkop.json');
    writeFileSync(template, JSON.stringify({ sheet: 'Data PU', file: 'data-pu.csv', columns: [{ header: 'NIB', field: 'nib' }, { header: 'NIK', field: 'nik' }] }));
    const out = await exportDay(desk, { folder: join(dir, 'out'), pdf: false, templateFile: template });
    const csv = readFileSync(join(out.folder, 'data-pu.csv'), 'utf8');
    expect(csv).toContain(`6371000000003;${NIK}`);
    expect(csv).toMatch(/6371000000001;\r?\n/);

    markExported(desk);
    await purgePersonalData(desk, PIN);
    expect([...desk.store.all()].some((e) => JSON.stringify(e.body).includes(NIK))).toBe(false);
    desk.close();
  });
});
