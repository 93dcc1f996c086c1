import { t, type Lang } from '../../../../shared/i18n';
import { Desk } from '../../desk';
import { syncOnce, type OnceResult } from '../../sync/sync-once';
import { langOf, parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

export function onceText(lang: Lang, r: OnceResult): string {
  const counts = { inserted: r.inserted, duplicates: r.duplicates, sent: r.sent, alarms: r.conflicts + r.damaged, seconds: Math.round(r.ms / 100) / 10 };
  return t(lang, 'cli.synced', { peer: r.peer.name, desk: r.peer.id, ...counts });
}

/** `loket sync --data DIR --peer URL --once`: one full exchange, then exit. */
export async function syncCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, peer: { type: 'string' }, once: { type: 'boolean' } });
  if (!values.once) throw new UsageError('cli.syncOnce');
  const peer = required(values.peer, 'peer');
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const r = await syncOnce(desk, peer);
    return { value: { ...r, vector: desk.store.vector(), digest: desk.store.digest() }, text: onceText(langOf(argv), r) };
  } finally {
    desk.close();
  }
}
