import { describe, expect, it } from 'vitest';
import { columnIndex, columnLetter, detectHeader, matchHeader } from '../../shared/import/columns';
import type { RawCell } from '../../shared/import/types';

const TITLE = 'DAFTAR CALON PESERTA FASILITASI SERTIFIKASI HALAL SELF DECLARE TAHUN 2024';
const repeat = (text: string, n: number): RawCell[] => Array.from({ length: n }, () => text);

describe('matchHeader', () => {
  it.each([
    ['NAMA PELAKU USAHA', 'name'],
    ['Nama Pemilik', 'name'],
    ['Nama Lengkap', 'name'],
    ['NAMA PELAKU USAHA (SESUAI KTP)', 'name'],
    ['Nama Pemilik / Penanggung Jawab', 'name'],
    ['Name', 'name'],
    ['NAMA USAHA', 'business'],
    ['Nama UMKM', 'business'],
    ['Merek', 'business'],
    ['Nama Usaha/Merek', 'business'],
    ['Business', 'business'],
    ['NIB', 'nib'],
    ['Nomor Induk Berusaha', 'nib'],
    ['Nomor Induk Berusaha (NIB)', 'nib'],
    ['No. NIB', 'nib'],
    ['NO HP/WA', 'phone'],
    ['No. Telp', 'phone'],
    ['Nomor WhatsApp', 'phone'],
    ['No. HP (WA aktif)', 'phone'],
    ['Phone', 'phone'],
    ['KAB/KOTA', 'regency'],
    ['Kabupaten/Kota', 'regency'],
    ['Kabupaten', 'regency'],
    ['Regency', 'regency'],
    ['Kecamatan', 'district'],
    ['Alamat', 'address'],
    ['Alamat Usaha', 'address'],
    ['Alamat Lengkap (Desa, Kecamatan)', 'address'],
    ['Jenis Produk', 'productType'],
    ['Nama Produk', 'productName'],
    ['Produk yang Didaftarkan', 'productName'],
  ])('%s → %s', (label, field) => {
    expect(matchHeader(label)).toBe(field);
  });

  it.each(['NO', 'No. Urut', 'NIK', 'No. KTP', 'Alamat Email', 'Jenis Kelamin', 'Nama Desa', 'Tanggal Lahir', 'Skala Usaha', 'Keterangan', ''])(
    'ignores %s',
    (label) => {
      expect(matchHeader(label)).toBeNull();
    },
  );

  it('does not take data for a column name', () => {
    for (const cell of ['Jl. A. Yani No. 54', 'Olahan Permata Dodol', 'Hj. Siti Rahmah', '0813 5059 4909', TITLE]) {
      expect(matchHeader(cell)).toBeNull();
    }
  });
});

describe('detectHeader', () => {
  it('skips title rows and merged cells above the header', () => {
    const rows: RawCell[][] = [
      repeat(TITLE, 10),
      repeat('KABUPATEN TANAH LAUT', 10),
      [],
      ['NO', 'NAMA PELAKU USAHA', 'NAMA USAHA', 'NIB', 'KAB/KOTA', 'KECAMATAN', 'ALAMAT', 'NO HP/WA', 'JENIS PRODUK', 'NAMA PRODUK'],
      [1, 'Hj. Jumberi Rahman', 'Olahan Permata Dodol', '8335731863941', 'TALA', 'Pelaihari', 'Jl. Sutoyo S. No. 54', 82954141067, 'Makanan', 'Dodol'],
    ];
    expect(detectHeader(rows)).toEqual({
      headerRow: 3,
      firstDataRow: 4,
      headers: ['NO', 'NAMA PELAKU USAHA', 'NAMA USAHA', 'NIB', 'KAB/KOTA', 'KECAMATAN', 'ALAMAT', 'NO HP/WA', 'JENIS PRODUK', 'NAMA PRODUK'],
      mapping: { name: 1, business: 2, nib: 3, regency: 4, district: 5, address: 6, phone: 7, productType: 8, productName: 9 },
    });
  });

  it('follows the columns in any order and under other names', () => {
    const rows: RawCell[][] = [
      ['Daftar peserta'],
      ['No. Telp', 'Merek', 'Kabupaten/Kota', 'Nama Lengkap', 'No', 'Nomor Induk Berusaha', 'Email'],
      ['0812', 'Dodol Acil', 'Bjm', 'Siti', 1, '0123456789012', 'a@b.c'],
    ];
    expect(detectHeader(rows)?.mapping).toEqual({ phone: 0, business: 1, regency: 2, name: 3, nib: 5 });
    expect(detectHeader(rows)?.headerRow).toBe(1);
  });

  it('reads English headers', () => {
    const rows: RawCell[][] = [['Name', 'Business', 'NIB', 'Phone', 'Regency', 'District', 'Address']];
    expect(detectHeader(rows)?.mapping).toEqual({ name: 0, business: 1, nib: 2, phone: 3, regency: 4, district: 5, address: 6 });
  });

  it('maps NAMA USAHA to the business and NAMA PELAKU USAHA to the owner whatever their order', () => {
    expect(detectHeader([['NAMA USAHA', 'NAMA PELAKU USAHA', 'NIB']])?.mapping).toEqual({ business: 0, name: 1, nib: 2 });
    expect(detectHeader([['NAMA PELAKU USAHA', 'NAMA USAHA', 'NIB']])?.mapping).toEqual({ name: 0, business: 1, nib: 2 });
  });

  it('prefers an exact column name to a guess, then the leftmost', () => {
    const rows: RawCell[][] = [['Nama Pemilik Usaha Mikro', 'Nama Lengkap', 'NIB', 'NIB']];
    expect(detectHeader(rows)?.mapping).toEqual({ name: 1, nib: 2 });
  });

  it('joins a sub-header row under a merged parent', () => {
    const rows: RawCell[][] = [
      ['NO', 'NAMA', 'NIB', 'ALAMAT', 'ALAMAT', 'ALAMAT', 'NO HP'],
      ['NO', 'NAMA', 'NIB', 'JALAN', 'DESA', 'KECAMATAN', 'NO HP'],
      [1, 'Siti', '0123456789012', 'Jl. Veteran', 'Sungai Lulut', 'Martapura', '0812'],
    ];
    const found = detectHeader(rows)!;
    expect(found.mapping).toEqual({ name: 1, nib: 2, address: 3, district: 5, phone: 6 });
    expect(found.headers).toEqual(['NO', 'NAMA', 'NIB', 'ALAMAT / JALAN', 'ALAMAT / DESA', 'ALAMAT / KECAMATAN', 'NO HP']);
    expect(found.firstDataRow).toBe(2);
  });

  it('skips the column-number row of government tables', () => {
    const rows: RawCell[][] = [['No', 'Nama', 'NIB'], ['(1)', '(2)', '(3)'], [1, 'Siti', '0123456789012']];
    expect(detectHeader(rows)?.firstDataRow).toBe(2);
    expect(detectHeader([['No', 'Nama', 'NIB'], [1, 2, 3], [1, 'Siti', '0123456789012']])?.firstDataRow).toBe(2);
  });

  it('finds no header in data alone, in a title-only sheet or below row 30', () => {
    expect(detectHeader([['Siti', 'Dapur Siti', '0123456789012', 'Kab. Banjar', 'Toko Usaha Bersama']])).toBeNull();
    expect(detectHeader([[TITLE], ['KABUPATEN BANJAR']])).toBeNull();
    expect(detectHeader([...Array.from({ length: 30 }, () => [] as RawCell[]), ['Nama', 'NIB']])).toBeNull();
    expect(detectHeader([])).toBeNull();
  });
});

describe('column letters', () => {
  it('names columns as Excel does', () => {
    expect([0, 25, 26, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    expect(['A1', 'Z', 'AA12', 'zz3', 'AAA'].map(columnIndex)).toEqual([0, 25, 26, 701, 702]);
  });
});
