import { Desk } from '../../desk';
import { syncOnce, type OnceResult } from '../../sync/sync-once';
import { parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

export function onceText(r: OnceResult): string {
  return `${r.peer.name} (${r.peer.id}): received ${r.inserted} new, ${r.duplicates} already held, sent ${r.sent}, integrity alarms ${r.conflicts + r.damaged} (${(r.ms / 1000).toFixed(1)} s)`;
}

/** `loket sync --data DIR --peer URL --once`: one full exchange, then exit. */
export async function syncCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, peer: { type: 'string' }, once: { type: 'boolean' } });
  if (!values.once) throw new UsageError('cli.syncOnce');
  const peer = required(values.peer, 'peer');
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const r = await syncOnce(desk, peer);
    return { value: { ...r, vector: desk.store.vector(), digest: desk.store.digest() }, text: onceText(r) };
  } finally {
    desk.close();
  }
}
