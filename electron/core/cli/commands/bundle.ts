import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { t } from '../../../../shared/i18n';
import { rememberCopy } from '../../backup/personal-copies';
import { Desk } from '../../desk';
import { exportBundle, importBundle } from '../../sync/bundle';
import { langOf, parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

/** `loket bundle export|import --data DIR FILE`: events by USB stick, sealed like the network. */
export async function bundle(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parse(argv, { data: { type: 'string' } }, 2);
  const [action, file] = positionals;
  const lang = langOf(argv);
  if ((action !== 'export' && action !== 'import') || !file) throw new UsageError('cli.synopsis', { usage: 'loket bundle export|import --data DIR FILE' });
  const desk = Desk.open(required(values.data, 'data'));
  try {
    if (action === 'export') {
      const bytes = exportBundle(desk);
      // A purge deletes it: encrypted, but with the event secret this desk keeps.
      rememberCopy(desk, 'bundles', resolve(file));
      await writeFile(file, bytes);
      return { value: { file, events: desk.store.count(), bytes: bytes.length }, text: t(lang, 'cli.bundleExported', { count: desk.store.count(), file }) };
    }
    const bytes = await readFile(file).catch(() => {
      throw new UsageError('cli.fileUnreadable', { file });
    });
    const r = importBundle(desk, bytes);
    return { value: r, text: t(lang, 'cli.bundleImported', { inserted: r.inserted, duplicates: r.duplicates, alarms: r.conflicts.length + r.damaged.length }) };
  } finally {
    desk.close();
  }
}
