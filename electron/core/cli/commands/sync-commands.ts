import { readFile, writeFile } from 'node:fs/promises';
import { t } from '../../../../shared/i18n';
import { Desk } from '../../desk';
import { exportBundle, importBundle } from '../../sync/bundle';
import { JoinCodeError } from '../../sync/join-code';
import { invitation, joinQrPng, joinWithCode, JoinRefused } from '../../sync/join';
import { syncOnce, type OnceResult } from '../../sync/sync-once';
import { parse, required, UsageError } from '../args';
import type { CommandResult } from '../output';

function onceText(r: OnceResult): string {
  return `${r.peer.name} (${r.peer.id}): received ${r.inserted} new, ${r.duplicates} already held, sent ${r.sent}, integrity alarms ${r.conflicts + r.damaged} (${(r.ms / 1000).toFixed(1)} s)`;
}

/** `loket sync --data DIR --peer URL --once`: one full exchange, then exit. */
export async function syncCommand(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, peer: { type: 'string' }, once: { type: 'boolean' } });
  if (!values.once) throw new UsageError('sync runs one exchange with --once; a desk that keeps syncing is `loket serve --peer URL`');
  const peer = required(values.peer, 'peer');
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const r = await syncOnce(desk, peer);
    return { value: { ...r, vector: desk.store.vector(), digest: desk.store.digest() }, text: onceText(r) };
  } finally {
    desk.close();
  }
}

/** `loket invite`: the typed join code (and, with --qr, the join QR as PNG) for this desk's event. */
export async function invite(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, qr: { type: 'string' }, address: { type: 'string', multiple: true } });
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const { code, eventId, addresses } = invitation(desk, values.address);
    if (values.qr) await writeFile(values.qr, await joinQrPng(code));
    return { value: { code, eventId, addresses }, text: code };
  } finally {
    desk.close();
  }
}

/** `loket join`: a fresh desk takes the event secret from the code, keeps its own new ID, and pulls everything. */
export async function join(argv: string[]): Promise<CommandResult> {
  const { values } = parse(argv, { data: { type: 'string' }, code: { type: 'string' } });
  const lang = values.lang === 'en' ? 'en' : 'id';
  const code = required(values.code, 'code');
  const desk = Desk.open(required(values.data, 'data'));
  try {
    const j = await joinWithCode(desk, code).catch((error: unknown) => {
      if (error instanceof JoinCodeError || error instanceof JoinRefused) throw new UsageError(error.message);
      throw error;
    });
    if (j.result) {
      return { value: { joined: j.eventId, desk: desk.id, from: j.from, ...j.result }, text: `joined ${desk.event()?.name ?? j.eventId}: ${onceText(j.result)}` };
    }
    // The secret is stored: `loket serve` keeps trying the addresses from the code.
    const failures = j.failures.map((f) => ({ address: f.address, ...f.error, message: t(lang, `error.${f.error.code}`, f.error.params) }));
    return { value: { joined: j.eventId, desk: desk.id, from: null, failures }, text: [`joined ${j.eventId}; no desk reachable yet`, ...failures.map((f) => `! ${f.message}`)].join('\n') };
  } finally {
    desk.close();
  }
}

/** `loket bundle export|import --data DIR FILE`: events by USB stick, sealed like the network. */
export async function bundle(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parse(argv, { data: { type: 'string' } }, 2);
  const [action, file] = positionals;
  if ((action !== 'export' && action !== 'import') || !file) throw new UsageError('loket bundle export|import --data DIR FILE');
  const desk = Desk.open(required(values.data, 'data'));
  try {
    if (action === 'export') {
      const bytes = exportBundle(desk);
      await writeFile(file, bytes);
      return { value: { file, events: desk.store.count(), bytes: bytes.length }, text: `${desk.store.count()} events → ${file}` };
    }
    const bytes = await readFile(file).catch(() => {
      throw new UsageError(`cannot read ${file}`);
    });
    const r = importBundle(desk, bytes);
    return { value: r, text: `${r.inserted} new, ${r.duplicates} already held, integrity alarms ${r.conflicts.length + r.damaged.length}` };
  } finally {
    desk.close();
  }
}
