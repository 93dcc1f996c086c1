import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Desk } from '../../desk';
import { commitCertificateImport, previewCertificateImport } from '../../services/certificate-import-service';
import { langOf, parse, required, UsageError } from '../args';
import { importSummary, type CommandResult } from '../output';

/** `loket certificates import --data DIR FILE [--dry-run]`: the organizer's certificate list. */
export async function certificatesCommand(argv: string[]): Promise<CommandResult> {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new UsageError('cli.synopsis', { usage: 'loket certificates import --data DIR FILE [--dry-run]' });
  const { values, positionals } = parse(rest, { data: { type: 'string' }, 'dry-run': { type: 'boolean' }, operator: { type: 'string' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('cli.fileMissing', { usage: 'loket certificates import --data DIR FILE' });
  const bytes = await readFile(file).catch(() => {
    throw new UsageError('cli.fileUnreadable', { file });
  });
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const input = { fileName: basename(file), content: bytes };
    const r = values['dry-run'] ? await previewCertificateImport(desk, input) : await commitCertificateImport(desk, input, values.operator?.trim() || 'CLI');
    return { value: { ...r, dryRun: Boolean(values['dry-run']) }, text: importSummary(langOf(argv), r, Boolean(values['dry-run'])) };
  } finally {
    desk.close();
  }
}
