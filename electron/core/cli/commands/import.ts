import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { commitImport, previewImport } from '../../services/import-service';
import { parse, UsageError } from '../args';
import { openDesk, operatorOf } from '../desk-args';
import type { CommandResult } from '../output';

export async function importFile(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parse(argv, { data: { type: 'string' }, 'dry-run': { type: 'boolean' }, operator: { type: 'string' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('give the file to import: loket import --data DIR FILE');
  const bytes = await readFile(file).catch(() => {
    throw new UsageError(`cannot read ${file}`);
  });
  const desk = openDesk(values.data);
  try {
    const input = { fileName: basename(file), contentBase64: bytes.toString('base64') };
    if (values['dry-run']) {
      const p = await previewImport(desk, input);
      const value = { rows: p.rows, imported: p.toImport, updated: p.toUpdate, unchanged: p.unchanged, errors: p.errors, warnings: p.warnings, dryRun: true };
      return { value, text: summary(value) };
    }
    const r = await commitImport(desk, input, operatorOf(values.operator));
    return { value: r, text: summary(r) };
  } finally {
    desk.close();
  }
}

function summary(r: { rows: number; imported: number; updated: number; errors: unknown[]; warnings: unknown[] }): string {
  return `rows ${r.rows}, imported ${r.imported}, updated ${r.updated}, errors ${r.errors.length}, warnings ${r.warnings.length}`;
}
