import { describe, expect, it } from 'vitest';
import { normalizeCertificateSheets } from '../../shared/import/certificate-list';
import type { RawSheet } from '../../shared/import/types';

const header = ['NIB', 'Nomor Sertifikat', 'Produk', 'Tanggal Terbit'];

describe('the certificate list', () => {
  it('reads no hidden sheet, and says which it left out', () => {
    const sheets: RawSheet[] = [
      { name: 'Sertifikat', rows: [header, ['6301000000001', 'ID63110000474799924', 'Amplang', '2024-05-20']] },
      // An older copy: another number for the same NIB, and a withdrawn participant.
      { name: 'Lama', hidden: true, rows: [header, ['6301000000001', 'ID63110000111111111', 'Amplang', '2024-04-01'], ['6301000000002', 'ID63110000222222222', 'Dodol', '2024-04-01']] },
      { name: 'Kosong', hidden: true, rows: [[]] },
    ];
    const found = normalizeCertificateSheets(sheets, 'id');
    expect(found.candidates.map((c) => [c.nib, c.number])).toEqual([['6301000000001', 'ID63110000474799924']]);
    expect(found.rows).toBe(1);
    expect(found.warnings.map((w) => [w.sheet, w.code])).toEqual([['Lama', 'cert_sheet_hidden_skipped']]);
    expect(found.warnings[0]!.message).toContain('Lembar tersembunyi, tidak dibaca: "Lama"');
  });
});
