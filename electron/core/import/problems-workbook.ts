import ExcelJS from 'exceljs';
import type { ImportIssue } from '../../../shared/api';
import { t, type Lang } from '../../../shared/i18n';

/** Errors then warnings, by sheet and row, as an XLSX to send back to whoever made the list. */
export async function writeProblemsWorkbook(
  found: { errors: readonly ImportIssue[]; warnings: readonly ImportIssue[] },
  lang: Lang,
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t(lang, 'problems.sheet'));
  sheet.columns = [
    { header: t(lang, 'problems.kind'), width: 12 },
    { header: t(lang, 'problems.sheetName'), width: 16 },
    { header: t(lang, 'problems.row'), width: 8 },
    { header: t(lang, 'problems.field'), width: 16 },
    { header: t(lang, 'problems.value'), width: 28 },
    { header: t(lang, 'problems.message'), width: 70 },
  ];
  sheet.getRow(1).font = { bold: true };
  const rows = [
    ...found.errors.map((i) => [t(lang, 'problems.error'), i] as const),
    ...found.warnings.map((i) => [t(lang, 'problems.warning'), i] as const),
  ];
  for (const [kind, issue] of rows) {
    // Values are written as plain strings: a cell such as "=HYPERLINK(…)" stays text, never a formula.
    sheet.addRow([kind, issue.sheet, issue.row, issue.field, issue.value ?? '', issue.message]);
  }
  sheet.getColumn(5).numFmt = '@';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
