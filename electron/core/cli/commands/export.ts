import { resolve } from 'node:path';
import { t } from '../../../../shared/i18n';
import { Desk } from '../../desk';
import { backupBefore } from '../../backup/backup-file';
import { exportDay } from '../../export/export-day';
import { markExported } from '../../services/privacy-service';
import { langOf, parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

/** `loket export --data DIR --out DIR [--separator ';'|','] [--template FILE]`: the end-of-day report for the ministry. */
export async function exportCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, out: { type: 'string' }, separator: { type: 'string' }, template: { type: 'string' }, 'no-pdf': { type: 'boolean' } });
  const separator = values.separator ?? ';';
  if (separator !== ';' && separator !== ',') throw new UsageError('cli.separator', { value: separator });
  const folder = resolve(required(values.out, 'out'));
  const desk = Desk.open(required(values.data, 'data'));
  try {
    await backupBefore(desk, 'export');
    const out = await exportDay(desk, { folder, separator, templateFile: values.template ?? null, pdf: !values['no-pdf'] });
    markExported(desk);
    const head = t(langOf(argv), out.complete ? 'cli.exportComplete' : 'cli.exportIncomplete', { count: out.files.length, folder: out.folder });
    // The warnings are the report's own sentences, in the language of the report for the Dinas.
    return { value: out, text: [head, ...out.warnings.map((w) => `! ${w}`), ...out.files.map((f) => `${f.sha256}  ${f.name}`)].join('\n') };
  } finally {
    desk.close();
  }
}
