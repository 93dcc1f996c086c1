import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { t } from '../../../../shared/i18n';
import { commitImport, previewImport } from '../../services/import-service';
import { langOf, parse, UsageError } from '../args';
import { openDesk, operatorOf } from '../desk-args';
import { importSummary, type CommandResult } from '../output';

export async function importFile(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parse(
    argv,
    { data: { type: 'string' }, 'dry-run': { type: 'boolean' }, operator: { type: 'string' }, 'include-sheet': { type: 'string', multiple: true } },
    1,
  );
  const file = positionals[0];
  if (!file) throw new UsageError('cli.fileMissing', { usage: 'loket import --data DIR FILE' });
  const bytes = await readFile(file).catch(() => {
    throw new UsageError('cli.fileUnreadable', { file });
  });
  const desk = openDesk(values.data);
  try {
    const input = { fileName: basename(file), content: bytes, includeSheets: values['include-sheet'] };
    if (values['dry-run']) {
      const p = await previewImport(desk, input);
      const value = {
        rows: p.rows,
        nonDataRows: p.nonDataRows,
        imported: p.toImport,
        updated: p.toUpdate,
        unchanged: p.unchanged,
        hiddenSheets: p.sheets.filter((s) => s.hidden).map((s) => s.sheet),
        errors: p.errors,
        warnings: p.warnings,
        dryRun: true,
      };
      // Sheet names, never personal values; the desk's language, as the dry run's warnings are.
      const hidden = p.warnings.filter((w) => w.code === 'sheet_hidden_skipped').map((w) => `\n${w.message} (--include-sheet "${w.sheet}")`);
      const lang = langOf(argv);
      const notData = value.nonDataRows > 0 ? `, ${t(lang, 'cli.importNotData', { count: value.nonDataRows })}` : '';
      return { value, text: `${importSummary(lang, value, true)}${notData}${hidden.join('')}` };
    }
    const r = await commitImport(desk, input, operatorOf(values.operator));
    return { value: r, text: importSummary(langOf(argv), r, false) };
  } finally {
    desk.close();
  }
}
