import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { parseInput } from '../../electron/core/api/dispatch';
import { exportDay } from '../../electron/core/export/export-day';
import { checkIn } from '../../electron/core/services/checkin-service';
import { addCertificate } from '../../electron/core/services/handover-service';
import { projectRoot } from '../helpers/built-core';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { give, exportDay as makeDay } from '../helpers/export-fixture';
import { pdfText } from '../helpers/pdf';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const text = (file: string) => pdfText(readFileSync(file));

describe('export PDFs', () => {
  it('renders the Daftar Hadir, the BAST with its signatories and list, the Rekap and the summary, identically twice', async () => {
    // 09.00 WITA on the event day, every event: the pictures written below come out the same each run.
    const { a, b } = await makeDay(tempDir, () => Date.parse('2024-05-21T01:00:00Z'));
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

    // The README's pictures of the documents: each one's first page, at screen resolution.
    const picture = (pdf: string, png: string) => execFileSync('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', '-singlefile', join(first.folder, pdf), join(projectRoot, 'docs', png)]);
    picture('berita-acara-serah-terima.pdf', 'export-bast');
    picture('daftar-hadir.pdf', 'export-daftar-hadir');
    a.close();
    b.close();
  });

  it('keeps every script in the text', async () => {
    const dir = tempDir();
    const setup = openEventDesk(dir, [person({ name: "Siti Nur'aini — Warung Bu Ani", business: 'Kue Lapis Légit' }), person({ nib: '0000000000017', name: 'Haji Ahmad', business: 'Toko بركة' })]);
    const id = (nib: string) => setup.view.byNibValue(nib)!.id;
    addCertificate(setup, parseInput('addCertificate', { participantId: id('0123456789012'), number: 'ID63110000474710524' }));
    checkIn(setup, { nib: '0123456789012' });
    checkIn(setup, { nib: '0000000000017' });
    await give(setup, id('0123456789012'), 'ID63110000474710524');
    setup.close();

    const desk = Desk.open(dir);
    const out = await exportDay(desk, { folder: join(tempDir(), 'out') });
    // Drawing order, one space for every line break: a cell's wrapped lines read as one text.
    const words = (file: string) => pdfText(readFileSync(join(out.folder, file)), 'raw').replace(/\s+/g, ' ');
    const attendance = words('daftar-hadir.pdf');
    expect(attendance).toContain("Siti Nur'aini — Warung Bu Ani");
    expect(attendance).toContain('Kue Lapis Légit');
    expect(attendance).toContain('بركة');
    expect(words('berita-acara-serah-terima.pdf')).toContain("Siti Nur'aini — Warung Bu Ani");
    desk.close();
  });
});
