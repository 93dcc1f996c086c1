import type { ImportIssue } from '../api';
import { t, type Lang } from '../i18n';
import type { ImportIssueCode } from '../i18n/messages';

export type Params = Record<string, string | number>;

/** Errors and warnings of an import, by sheet and spreadsheet row, in the desk's language. */
export class Issues {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  constructor(private readonly lang: Lang) {}

  add(kind: 'error' | 'warning', sheet: string, row: number, field: string, code: ImportIssueCode, params: Params = {}): void {
    const issue: ImportIssue = { sheet, row, field, code, message: t(this.lang, `import.${code}`, params) };
    if (typeof params.value === 'string' && params.value) issue.value = params.value;
    // Passed as text so t() does not write row 1234 as "1.234".
    if (typeof params.otherRow === 'string') issue.otherRow = Number(params.otherRow);
    (kind === 'error' ? this.errors : this.warnings).push(issue);
  }
}
