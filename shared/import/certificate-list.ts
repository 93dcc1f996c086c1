import { parseNib } from '../domain/nib';
import { cleanText, foldText } from '../domain/text';
import { CERTIFICATE_NUMBER } from '../domain/certificate-number';
import type { Lang } from '../i18n';
import { Issues } from './issues';
import { isBlankCell, type RawCell, type RawSheet } from './types';

/**
 * The organizer's certificate list: NIB, certificate number, products, issue date (and sometimes
 * a status). Matched to participants by NIB later, against the desk's data.
 */
export interface CertificateCandidate {
  nib: string;
  /** Null for a certificate not issued yet, which has no number. */
  number: string | null;
  products: string[];
  issueDate: string | null;
  status: 'belum_terbit' | 'tersedia';
  source: { sheet: string; row: number };
}

export interface NormalizedCertificates {
  rows: number;
  candidates: CertificateCandidate[];
  errors: Issues['errors'];
  warnings: Issues['warnings'];
}

type Field = 'nib' | 'number' | 'products' | 'issueDate' | 'status';

const NAMES: Record<Field, string[]> = {
  nib: ['nib', 'no nib', 'nomor nib', 'nomor induk berusaha'],
  number: ['nomor sertifikat', 'no sertifikat', 'nomor sertifikat halal', 'no sertifikat halal', 'nomor sh', 'no sh', 'sertifikat halal', 'sertifikat', 'certificate number', 'certificate'],
  products: ['produk', 'nama produk', 'produk halal', 'jenis produk', 'nama jenis produk', 'products', 'product'],
  issueDate: ['tanggal terbit', 'tgl terbit', 'tanggal', 'tanggal sertifikat', 'tgl sertifikat', 'tanggal penetapan', 'issue date', 'issued'],
  status: ['status', 'status sertifikat', 'keterangan', 'status sh'],
};
const FIELD_OF = new Map(Object.entries(NAMES).flatMap(([field, names]) => names.map((n) => [n, field as Field])));

const MONTHS = ['januari', 'februari', 'maret', 'april', 'mei', 'juni', 'juli', 'agustus', 'september', 'oktober', 'november', 'desember'];

function text(cell: RawCell | undefined): string {
  return cell === null || cell === undefined ? '' : cleanText(String(cell));
}

function findHeader(rows: readonly RawCell[][]): { row: number; columns: Partial<Record<Field, number>> } | null {
  for (let r = 0; r < Math.min(rows.length, 30); r++) {
    const columns: Partial<Record<Field, number>> = {};
    rows[r]!.forEach((cell, col) => {
      const field = typeof cell === 'string' ? FIELD_OF.get(foldText(cell)) : undefined;
      if (field && columns[field] === undefined) columns[field] = col;
    });
    if (columns.nib !== undefined && (columns.number !== undefined || columns.status !== undefined)) return { row: r, columns };
  }
  return null;
}

/** "2024-04-30", "30/04/2024", "30-04-2024", "30 April 2024" or an Excel day number → "2024-04-30". */
export function parseIssueDate(cell: RawCell | undefined): string | null {
  if (typeof cell === 'number' && cell > 20_000 && cell < 80_000) {
    return new Date(Date.UTC(1899, 11, 30) + Math.round(cell) * 86_400_000).toISOString().slice(0, 10);
  }
  const raw = text(cell).toLowerCase();
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (m) return valid(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw);
  if (m) return valid(+m[3]!, +m[2]!, +m[1]!);
  m = /^(\d{1,2}) ([a-z]+) (\d{4})$/.exec(raw);
  const month = m ? MONTHS.findIndex((name) => name.startsWith(m![2]!.slice(0, 3))) + 1 : 0;
  return m && month > 0 ? valid(+m[3]!, month, +m[1]!) : null;
}

function valid(y: number, mo: number, d: number): string | null {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date.toISOString().slice(0, 10) : null;
}

export function normalizeCertificateSheets(sheets: readonly RawSheet[], lang: Lang): NormalizedCertificates {
  const issues = new Issues(lang);
  const candidates: CertificateCandidate[] = [];
  const seen = new Map<string, { sheet: string; row: number }>();
  let rows = 0;
  for (const sheet of sheets) {
    // As in the participant list: a hidden sheet is often an older copy (old numbers, withdrawn
    // people). The certificate list is the ministry's, so there is no choosing it here: unhide it.
    if (sheet.hidden) {
      if (sheet.rows.some((r) => r.some((c) => !isBlankCell(c)))) issues.add('warning', sheet.name, 0, '', 'cert_sheet_hidden_skipped', { sheet: sheet.name });
      continue;
    }
    const header = findHeader(sheet.rows);
    if (!header) {
      if (sheet.rows.some((r) => r.some((c) => !isBlankCell(c)))) issues.add('error', sheet.name, 0, '', 'sheet_no_certificate_columns');
      continue;
    }
    const cell = (r: RawCell[], field: Field) => (header.columns[field] === undefined ? undefined : r[header.columns[field]!]);
    for (let i = header.row + 1; i < sheet.rows.length; i++) {
      const r = sheet.rows[i]!;
      if (r.every((c) => isBlankCell(c))) continue;
      rows++;
      const row = i + 1;
      const nib = parseNib(cell(r, 'nib') as string | number | null);
      if (!nib.ok) {
        issues.add('error', sheet.name, row, 'nib', `nib_${nib.reason}`, { value: text(cell(r, 'nib')), length: text(cell(r, 'nib')).replace(/\D/g, '').length });
        continue;
      }
      const rawNumber = text(cell(r, 'number')).replace(/\s/g, '').toUpperCase();
      const statusText = foldText(text(cell(r, 'status')));
      const pending = !rawNumber || statusText.includes('belum');
      if (rawNumber && !CERTIFICATE_NUMBER.test(rawNumber)) issues.add('warning', sheet.name, row, 'number', 'cert_number_format', { value: rawNumber });
      if (!rawNumber) issues.add('warning', sheet.name, row, 'number', 'cert_pending', { value: nib.nib });
      if (rawNumber) {
        const first = seen.get(rawNumber);
        if (first) {
          issues.add('warning', sheet.name, row, 'number', 'cert_duplicate', { value: rawNumber, otherRow: String(first.row) });
          continue;
        }
        seen.set(rawNumber, { sheet: sheet.name, row });
      }
      const dateCell = cell(r, 'issueDate');
      const issueDate = parseIssueDate(dateCell);
      if (!issueDate && text(dateCell)) issues.add('warning', sheet.name, row, 'issueDate', 'cert_date_invalid', { value: text(dateCell) });
      candidates.push({
        nib: nib.nib,
        number: rawNumber || null,
        products: text(cell(r, 'products')).split(/[;,\n]/).map((p) => p.trim()).filter(Boolean),
        issueDate,
        status: pending ? 'belum_terbit' : 'tersedia',
        source: { sheet: sheet.name, row },
      });
    }
  }
  return { rows, candidates, errors: issues.errors, warnings: issues.warnings };
}
