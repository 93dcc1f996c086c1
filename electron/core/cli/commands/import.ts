import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { commitImport, previewImport } from '../../services/import-service';
import { langOf, parse, UsageError } from '../args';
import { openDesk, operatorOf } from '../desk-args';
import { importSummary, type CommandResult } from '../output';

export async function importFile(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parse(argv, { data: { type: 'string' }, 'dry-run': { type: 'boolean' }, operator: { type: 'string' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('cli.fileMissing', { usage: 'loket import --data DIR FILE' });
  const bytes = await readFile(file).catch(() => {
    throw new UsageError('cli.fileUnreadable', { file });
  });
  const desk = openDesk(values.data);
  try {
    const input = { fileName: basename(file), contentBase64: bytes.toString('base64') };
    if (values['dry-run']) {
      const p = await previewImport(desk, input);
      const value = { rows: p.rows, imported: p.toImport, updated: p.toUpdate, unchanged: p.unchanged, errors: p.errors, warnings: p.warnings, dryRun: true };
      return { value, text: importSummary(langOf(argv), value, true) };
    }
    const r = await commitImport(desk, input, operatorOf(values.operator));
    return { value: r, text: importSummary(langOf(argv), r, false) };
  } finally {
    desk.close();
  }
}
