import type { ColumnMapping, ImportField, SheetPreview } from '../api';
import { NIB_LENGTH, parseNib } from '../domain/nib';
import { parsePhone } from '../domain/phone';
import { matchRegency, regencyByCode } from '../domain/regency';
import { cleanText, tidyName } from '../domain/text';
import { LoketError } from '../errors';
import { participantFieldsSchema, type ParticipantFields } from '../events';
import type { Lang } from '../i18n';
import type { ImportIssueCode } from '../i18n/messages';
import { columnLetter, detectHeader } from './columns';
import { FooterRows, isTotalLabel } from './footer-rows';
import { Issues, type Params } from './issues';
import { sheetRegency, type SheetRegency } from './sheet-regency';
import { isBlankCell, type ImportCandidate, type NormalizedImport, type RawCell, type RawSheet, type UnsavedFormula } from './types';

export interface NormalizeOptions {
  lang: Lang;
  nibRequired: boolean;
  /** Operator-corrected mappings per sheet name; other sheets use the detected one. */
  mappings?: Record<string, ColumnMapping>;
  /** Hidden sheets the organizer chose to import; other hidden sheets are listed, not read. */
  includeSheets?: readonly string[];
  /** The event's regency codes: a participant from elsewhere imports with a warning naming the regency. */
  eventRegencies?: readonly string[];
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

/** "9,12071E+12": a long number Excel showed in scientific notation and saved that way (digits lost). */
const SCIENTIFIC = /^\d+([.,]\d+)?e\+?\d+$/i;

/**
 * A cell SheetReader.cell cleaned, as text: "" for a blank or dash-only cell (see isBlankCell). Not
 * cleaned again (cleanText gives clean text back as it is): the second cleaning was a tenth of
 * normalizing a 100k-row list.
 */
function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  return DASHES.test(cell) ? '' : cell;
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
    /** Where the regency comes from when no column gives it (the sheet's name or title). */
    private readonly fallbackRegency: SheetRegency | null = null,
    private readonly eventRegencies: readonly string[] | undefined = undefined,
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

  /** Whether the row's name cell is empty or a total's label ("JUMLAH"): no participant's. */
  namesNobody(cells: RawCell[]): boolean {
    const name = this.cell(cells, 'name');
    return isBlankCell(name) || isTotalLabel(name);
  }

  /** Whether the row's NIB cell reads as an NIB (rows that do are never taken for a total or signature). */
  hasNib(cells: RawCell[]): boolean {
    return this.mapping.nib !== undefined && parseNib(this.cell(cells, 'nib')).ok;
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
    const digits = value.replace(/\D/g, '');
    if (typeof cell === 'string' && SCIENTIFIC.test(value.replace(/\s/g, ''))) {
      this.fail('nib', 'nib_scientific', { value });
      return null;
    }
    if (parsed.reason === 'wrong_length' && digits.length === NIB_LENGTH - 1 && /^[\d\s.\-']+$/.test(value)) {
      // Saved from a number cell, most likely (an Excel number has no leading 0): restored as for one.
      const nib = `0${digits}`;
      this.warn('nib', 'nib_twelve_digits', { value: nib });
      return nib;
    }
    if (parsed.reason === 'missing') {
      if (this.nibRequired) this.fail('nib', 'nib_missing', { value });
      else this.warn('nib', 'row_empty_nib_optional');
    } else if (parsed.reason === 'not_digits') {
      this.fail('nib', 'nib_not_digits', { value });
    } else {
      this.fail('nib', 'nib_wrong_length', { value, length: digits.length });
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
    if (this.mapping.regency === undefined) return this.fallbackRegency?.code ?? null;
    const value = cellText(cell);
    if (!value) {
      this.warn('regency', 'regency_missing');
      return null;
    }
    let code = this.regencies.get(value);
    if (code === undefined) this.regencies.set(value, (code = matchRegency(value)));
    if (!code) this.warn('regency', 'regency_unknown', { value });
    else if (this.eventRegencies && !this.eventRegencies.includes(code)) {
      this.warn('regency', 'regency_outside_event', { value: regencyLabel(code) });
    }
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

/** "Hulu Sungai Selatan (63.06)": the regency as a warning names it. */
function regencyLabel(code: string): string {
  return `${regencyByCode(code)?.short ?? code} (${code})`;
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
  let nonData = 0;

  for (const chosen of Object.values(opts.mappings ?? {})) {
    const missing = requireColumns(chosen, opts.nibRequired);
    if (missing) throw new LoketError('mapping_invalid', { field: missing });
  }

  for (const sheet of sheets) {
    const preview: SheetPreview = { sheet: sheet.name, headerRow: null, headers: [], mapping: {}, rows: 0, nonDataRows: 0, sample: [] };
    previews.push(preview);
    if (sheet.hidden) {
      preview.hidden = true;
      // Often an older copy of the list (withdrawn people, old phone numbers): read only when chosen.
      if (!opts.includeSheets?.includes(sheet.name)) {
        preview.rows = sheet.rows.filter((cells) => !cells.every(isBlankCell)).length;
        issues.add('warning', sheet.name, 0, '', 'sheet_hidden_skipped', { sheet: sheet.name });
        continue;
      }
    }
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
    const fallback = mapping.regency === undefined ? sheetRegency(sheet.name, sheet.rows.slice(0, detected?.headerRow ?? 0)) : null;
    if (fallback) preview.regencyFrom = fallback;
    const reader = new SheetReader(sheet.name, mapping, opts.nibRequired, issues, fallback, opts.eventRegencies);
    const footer = new FooterRows();
    const dataRows: number[] = [];
    for (let r = start; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r]!;
      if (reader.isBlank(cells)) continue;
      if (reader.hasNib(cells) ? reader.namesNobody(cells) && footer.isTotal(cells) : footer.isFooter(cells)) continue;
      dataRows.push(r);
    }
    preview.rows = dataRows.length;
    preview.nonDataRows = footer.count;
    total += dataRows.length;
    nonData += footer.count;
    if (missing) {
      const code = missing === 'name' ? 'sheet_no_name_column' : 'sheet_no_nib_column';
      issues.add('error', sheet.name, preview.headerRow ?? 0, missing, code, { sheet: sheet.name });
      continue;
    }
    if (dataRows.length > 0) reportSheetRegency(issues, sheet.name, mapping, fallback, opts.eventRegencies);
    if (sheet.unsaved) reportUnsavedFormulas(issues, sheet.name, mapping, sheet.unsaved, new Set(dataRows.map((r) => r + 1)));

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

  return { sheets: previews, rows: total, nonDataRows: nonData, candidates, errors: issues.errors, warnings: issues.warnings };
}

/** A sheet without a regency column: where its regency came from, or that it has none. */
function reportSheetRegency(
  issues: Issues,
  sheet: string,
  mapping: ColumnMapping,
  fallback: SheetRegency | null,
  eventRegencies: readonly string[] | undefined,
): void {
  if (mapping.regency !== undefined) return;
  if (!fallback) issues.add('warning', sheet, 0, 'regency', 'sheet_no_regency', { sheet });
  else if (eventRegencies && !eventRegencies.includes(fallback.code)) {
    issues.add('warning', sheet, 0, 'regency', 'regency_outside_event', { value: regencyLabel(fallback.code) });
  }
}

/** Each formula cell of a mapped column, in a data row, saved without a result (or with an error): read as blank. */
function reportUnsavedFormulas(
  issues: Issues,
  sheet: string,
  mapping: ColumnMapping,
  unsaved: readonly UnsavedFormula[],
  dataRows: ReadonlySet<number>,
): void {
  const fieldOf = new Map(Object.entries(mapping).map(([field, col]) => [col, field as ImportField]));
  for (const f of unsaved) {
    const field = fieldOf.get(f.col);
    if (!field || !dataRows.has(f.row)) continue;
    const cell = `${columnLetter(f.col)}${f.row}`;
    if (f.error) issues.add('warning', sheet, f.row, field, 'formula_error', { cell, value: f.error });
    else issues.add('warning', sheet, f.row, field, 'formula_no_result', { cell, value: `=${f.formula}` });
  }
}
