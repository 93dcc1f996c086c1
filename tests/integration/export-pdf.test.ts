import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDay } from '../../electron/core/export/export-day';
import { fixPdfStamps } from '../../electron/core/export/pdf-stamps';
import { chromiumPdf } from '../../electron/core/platform/chromium-pdf';
import { exportDay as makeDay } from '../helpers/export-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('export PDFs', () => {
  it('renders the Daftar Hadir, the BAST with its signatories and list, the Rekap and the summary, identically twice', async () => {
    const { a, b } = await makeDay(tempDir);
    const config = a.event()!;
    a.record([{ type: 'event.configured', body: { ...config, signatories: [{ name: 'Drs. H. Contoh Pejabat, M.Si', nip: '196805121990031004', position: 'Kepala Bidang Usaha Mikro' }] } }], 'Rina');
    const first = await exportDay(a, { folder: join(tempDir(), 'one') });
    const names = first.files.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['daftar-hadir.pdf', 'berita-acara-serah-terima.pdf', 'rekap.pdf', 'ringkasan-ekspor.pdf']));

    const attendance = text(join(first.folder, 'daftar-hadir.pdf'));
    expect(attendance).toContain('DAFTAR HADIR');
    expect(attendance).toContain('Selasa, 21 Mei 2024');
    expect(attendance).toContain("Nur'aini Ramadhani");
    expect(attendance).toContain('Jumlah hadir: 2 orang');
    expect(attendance).toMatch(/1\. \.{5}/);
    expect(attendance).toContain('Drs. H. Contoh Pejabat, M.Si');

    const bast = text(join(first.folder, 'berita-acara-serah-terima.pdf'));
    expect(bast).toContain('BERITA ACARA SERAH TERIMA SERTIFIKAT HALAL');
    expect(bast).toContain('Selasa tanggal dua puluh satu bulan Mei tahun dua ribu dua puluh empat (21-05-2024)');
    expect(bast).toContain('PIHAK PERTAMA');
    expect(bast).toContain('196805121990031004');
    expect(bast).toContain('Kepala Bidang Usaha Mikro');
    expect(bast).toContain('ID63110000474720524');
    expect(bast).toContain('Ahmad Kamal');
    expect(bast).toContain('sebanyak 2 (dua) Sertifikat Halal');

    const rekap = text(join(first.folder, 'rekap.pdf'));
    expect(rekap).toContain('Kabupaten Tanah Laut');
    expect(rekap).toMatch(/Jumlah\s+1\.000\s+5\s+4\s+80%/);

    const summary = text(join(first.folder, 'ringkasan-ekspor.pdf'));
    expect(summary).toContain(a.store.digest().slice(0, 16));
    expect(summary).toContain(first.files[0]!.sha256.slice(0, 16));
    expect(summary).toContain('memuat semua meja');

    const second = await exportDay(a, { folder: join(tempDir(), 'two') });
    expect(second.files).toEqual(first.files);
    a.close();
    b.close();
  });

  it('makes two renders of one page byte-identical once the dates are fixed, without breaking the file', async () => {
    const html = '<!doctype html><title>x</title><p>Halo</p>';
    const at = new Date(Date.UTC(2024, 4, 21, 9, 30));
    const one = fixPdfStamps(await chromiumPdf.pdf(html), at, 'ab'.repeat(32));
    await new Promise((r) => setTimeout(r, 1100));
    const two = fixPdfStamps(await chromiumPdf.pdf(html), at, 'ab'.repeat(32));
    expect(Buffer.from(one).equals(Buffer.from(two))).toBe(true);
    expect(Buffer.from(one).toString('latin1')).toContain('/CreationDate (D:20240521093000');
    const dir = tempDir();
    writeFileSync(join(dir, 'x.pdf'), one);
    expect(text(join(dir, 'x.pdf'))).toContain('Halo');
    expect(readFileSync(join(dir, 'x.pdf')).length).toBe(one.length);
  });
});
