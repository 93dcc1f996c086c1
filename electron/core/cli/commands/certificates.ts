import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Desk } from '../../desk';
import { commitCertificateImport, previewCertificateImport } from '../../services/certificate-import-service';
import { parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

/** `loket certificates import --data DIR FILE [--dry-run]`: the organizer's certificate list. */
export async function certificatesCommand(argv: string[]): Promise<CommandResult> {
  const [sub, ...rest] = argv;
  if (sub !== 'import') throw new UsageError('usage: loket certificates import --data DIR FILE [--dry-run]');
  const { values, positionals } = parse(rest, { data: { type: 'string' }, 'dry-run': { type: 'boolean' }, operator: { type: 'string' } }, 1);
  const file = positionals[0];
  if (!file) throw new UsageError('give the certificate list: loket certificates import --data DIR FILE');
  const bytes = await readFile(file).catch(() => {
    throw new UsageError(`cannot read ${file}`);
  });
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const input = { fileName: basename(file), contentBase64: bytes.toString('base64') };
    const r = values['dry-run'] ? await previewCertificateImport(desk, input) : await commitCertificateImport(desk, input, values.operator?.trim() || 'CLI');
    return { value: { ...r, dryRun: Boolean(values['dry-run']) }, text: `rows ${r.rows}, imported ${r.imported}, updated ${r.updated}, errors ${r.errors.length}, warnings ${r.warnings.length}` };
  } finally {
    desk.close();
  }
}
