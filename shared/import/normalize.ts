import type { ColumnMapping, ImportField, SheetPreview } from '../api';
import { parseNib } from '../domain/nib';
import { parsePhone } from '../domain/phone';
import { matchRegency, regencyByCode } from '../domain/regency';
import { cleanText, tidyName } from '../domain/text';
import { LoketError } from '../errors';
import { participantFieldsSchema, type ParticipantFields } from '../events';
import type { Lang } from '../i18n';
import type { ImportIssueCode } from '../i18n/messages';
import { columnLetter, detectHeader } from './columns';
import { Issues, type Params } from './issues';
import { isBlankCell, type ImportCandidate, type NormalizedImport, type RawCell, type RawSheet } from './types';

export interface NormalizeOptions {
  lang: Lang;
  nibRequired: boolean;
  /** Operator-corrected mappings per sheet name; other sheets use the detected one. */
  mappings?: Record<string, ColumnMapping>;
}

type TextField = 'name' | 'business' | 'district' | 'address' | 'productType' | 'productName';

const SAMPLE_ROWS = 5;
const shape = participantFieldsSchema.shape;
/** The event log's limits, so every candidate passes participantFieldsSchema. */
const MAX_LENGTH: Record<TextField, number> = {
  name: shape.name.maxLength ?? Infinity,
  business: shape.business.maxLength ?? Infinity,
  district: shape.district.maxLength ?? Infinity,
  address: shape.address.maxLength ?? Infinity,
  productType: shape.productType.maxLength ?? Infinity,
  productName: shape.productName.maxLength ?? Infinity,
};

/**
 * What Excel or LibreOffice would run when the text is pasted or exported back into a sheet:
 * "=…", or "+", "-", "@" before a function call, a cell reference or a DDE pipe. "+62 812…"
 * and "- Kue (basah)" are not.
 */
const FORMULA_LIKE = /^(=|[+\-@]\s*([A-Za-z_][\w.]*\(|\$?[A-Za-z]{1,3}\$?\d+\b|[^|]*\|))/;

const DASHES = /^[-–—]*$/;

/** Cleaned (cleanText: no invisible characters, NFC, one space), "" for a blank or dash-only cell (see isBlankCell). */
function cellText(cell: RawCell | undefined): string {
  if (cell === undefined || cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = cleanText(cell);
  return DASHES.test(text) ? '' : text;
}

/** Reads one sheet's rows under a mapping. */
class SheetReader {
  private readonly columns: number[];
  private readonly regencies = new Map<string, string | null>();
  private row = 0;
  /** Whether the last row read had no error. */
  valid = true;

  constructor(
    private readonly sheet: string,
    private readonly mapping: ColumnMapping,
    private readonly nibRequired: boolean,
    private readonly issues: Issues,
  ) {
    this.columns = Object.values(mapping);
  }

  private warn(field: ImportField, code: ImportIssueCode, params?: Params): void {
    this.issues.add('warning', this.sheet, this.row, field, code, params);
  }

  private fail(field: ImportField, code: ImportIssueCode, params?: Params): void {
    this.issues.add('error', this.sheet, this.row, field, code, params);
    this.valid = false;
  }

  /** A text cell cleaned before anything reads it: a zero-width space must not make an NIB "not digits". */
  private cell(cells: RawCell[], field: ImportField): RawCell {
    const col = this.mapping[field];
    const value = col === undefined ? null : (cells[col] ?? null);
    return typeof value === 'string' ? cleanText(value) : value;
  }

  isBlank(cells: RawCell[]): boolean {
    return this.columns.every((col) => isBlankCell(cells[col]));
  }

  /** The row's fields, issues recorded; `valid` tells whether it may be imported. */
  read(cells: RawCell[], row: number): ParticipantFields {
    this.row = row;
    this.valid = true;
    const nib = this.nib(this.cell(cells, 'nib'));
    const name = this.text('name', tidyName(cellText(this.cell(cells, 'name'))));
    if (!/\p{L}/u.test(name)) this.fail('name', 'name_missing', name ? { value: name } : {});
    return {
      nib,
      name,
      business: this.text('business', cellText(this.cell(cells, 'business'))),
      phone: this.phone(this.cell(cells, 'phone')),
      regency: this.regency(this.cell(cells, 'regency')),
      district: this.text('district', cellText(this.cell(cells, 'district'))),
      address: this.text('address', cellText(this.cell(cells, 'address'))),
      productType: this.text('productType', cellText(this.cell(cells, 'productType'))),
      productName: this.text('productName', cellText(this.cell(cells, 'productName'))),
    };
  }

  /** The row as the organizer should see it in the preview: read values, or the cell where reading failed. */
  sample(cells: RawCell[], fields: ParticipantFields): Record<ImportField, string> {
    return {
      ...fields,
      nib: fields.nib ?? cellText(this.cell(cells, 'nib')),
      phone: fields.phone ?? cellText(this.cell(cells, 'phone')),
      // The name shows at a glance whether "Banjar" was read as Banjar and not Banjarmasin.
      regency: (fields.regency && regencyByCode(fields.regency)?.short) ?? cellText(this.cell(cells, 'regency')),
    };
  }

  private nib(cell: RawCell): string | null {
    if (this.mapping.nib === undefined) return null;
    const parsed = parseNib(cell);
    const value = cellText(cell);
    if (parsed.ok) {
      if (parsed.restored) this.warn('nib', 'nib_restored', { value: parsed.nib });
      else if (/\s/.test(value)) this.warn('nib', 'nib_spaces_removed', { value: parsed.nib });
      return parsed.nib;
    }
    if (parsed.reason === 'missing') {
      if (this.nibRequired) this.fail('nib', 'nib_missing', { value });
      else this.warn('nib', 'row_empty_nib_optional');
    } else if (parsed.reason === 'not_digits') {
      this.fail('nib', 'nib_not_digits', { value });
    } else {
      this.fail('nib', 'nib_wrong_length', { value, length: value.replace(/\D/g, '').length });
    }
    return null;
  }

  private phone(cell: RawCell): string | null {
    if (isBlankCell(cell)) return null;
    const parsed = parsePhone(cell);
    if (parsed.ok) return parsed.phone;
    if (parsed.reason === 'invalid') this.warn('phone', 'phone_invalid', { value: cellText(cell) });
    return null;
  }

  private regency(cell: RawCell): string | null {
    if (this.mapping.regency === undefined) return null;
    const value = cellText(cell);
    if (!value) {
      this.warn('regency', 'regency_missing');
      return null;
    }
    let code = this.regencies.get(value);
    if (code === undefined) this.regencies.set(value, (code = matchRegency(value)));
    if (!code) this.warn('regency', 'regency_unknown', { value });
    return code;
  }

  private text(field: TextField, value: string): string {
    if (FORMULA_LIKE.test(value)) this.warn(field, 'formula_text', { value });
    const max = MAX_LENGTH[field];
    if (value.length <= max) return value;
    this.warn(field, 'text_truncated', { max });
    return value.slice(0, max);
  }
}

function requireColumns(mapping: ColumnMapping, nibRequired: boolean): 'name' | 'nib' | null {
  if (mapping.name === undefined) return 'name';
  if (nibRequired && mapping.nib === undefined) return 'nib';
  return null;
}

/**
 * Turn read sheets into participant candidates plus the errors (row not imported) and warnings
 * (imported, with a note) an organizer needs to fix the file. Never throws for bad content: a
 * sheet without a header is reported and the others still import. Throws `mapping_invalid` only
 * for an operator-chosen mapping without a name (or a required NIB) column.
 *
 * An NIB listed twice anywhere in the file is imported once, from its first row: the later row
 * is reported (nib_duplicate, or nib_duplicate_sheet across sheets) so the organizer can check it.
 */
export function normalizeSheets(sheets: readonly RawSheet[], opts: NormalizeOptions): NormalizedImport {
  const issues = new Issues(opts.lang);
  const previews: SheetPreview[] = [];
  const candidates: ImportCandidate[] = [];
  const firstRow = new Map<string, { sheet: string; row: number }>();
  let total = 0;

  for (const chosen of Object.values(opts.mappings ?? {})) {
    const missing = requireColumns(chosen, opts.nibRequired);
    if (missing) throw new LoketError('mapping_invalid', { field: missing });
  }

  for (const sheet of sheets) {
    const preview: SheetPreview = { sheet: sheet.name, headerRow: null, headers: [], mapping: {}, rows: 0, sample: [] };
    previews.push(preview);
    if (sheet.rows.every((cells) => cells.every(isBlankCell))) continue;

    const detected = detectHeader(sheet.rows);
    const mapping = opts.mappings?.[sheet.name] ?? detected?.mapping;
    const start = detected?.firstDataRow ?? 0;
    if (detected) {
      preview.headerRow = detected.headerRow + 1;
      preview.headers = detected.headers;
    } else {
      const width = sheet.rows.reduce((max, cells) => Math.max(max, cells.length), 0);
      preview.headers = Array.from({ length: width }, (_, i) => columnLetter(i));
    }
    if (!mapping) {
      preview.rows = sheet.rows.filter((cells) => !cells.every(isBlankCell)).length;
      total += preview.rows;
      issues.add('error', sheet.name, 0, '', 'sheet_no_header', { sheet: sheet.name });
      continue;
    }
    preview.mapping = mapping;
    const missing = requireColumns(mapping, opts.nibRequired);
    const reader = new SheetReader(sheet.name, mapping, opts.nibRequired, issues);
    const dataRows: number[] = [];
    for (let r = start; r < sheet.rows.length; r++) if (!reader.isBlank(sheet.rows[r]!)) dataRows.push(r);
    preview.rows = dataRows.length;
    total += dataRows.length;
    if (missing) {
      const code = missing === 'name' ? 'sheet_no_name_column' : 'sheet_no_nib_column';
      issues.add('error', sheet.name, preview.headerRow ?? 0, missing, code, { sheet: sheet.name });
      continue;
    }

    for (const r of dataRows) {
      const row = r + 1;
      const cells = sheet.rows[r]!;
      const fields = reader.read(cells, row);
      if (preview.sample.length < SAMPLE_ROWS) preview.sample.push(reader.sample(cells, fields));
      if (!reader.valid) continue;
      if (fields.nib !== null) {
        const first = firstRow.get(fields.nib);
        if (first) {
          const params = { value: fields.nib, otherRow: String(first.row), otherSheet: first.sheet };
          issues.add('warning', sheet.name, row, 'nib', first.sheet === sheet.name ? 'nib_duplicate' : 'nib_duplicate_sheet', params);
          continue;
        }
        firstRow.set(fields.nib, { sheet: sheet.name, row });
      }
      candidates.push({ fields, source: { sheet: sheet.name, row } });
    }
  }

  return { sheets: previews, rows: total, candidates, errors: issues.errors, warnings: issues.warnings };
}
