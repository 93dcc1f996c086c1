import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { Desk } from '../../../electron/core/desk';
import { unpack } from '../../../electron/core/sync/decode-columns';
import type { DecodeReply } from '../../../electron/core/sync/frame-decoder';
import { invitation } from '../../../electron/core/sync/join';
import { encodeEventBatch } from '../../../electron/core/sync/messages';
import { compressSelfContained } from '../../../electron/core/sync/frame-compression';
import { eventHash, HASH_CHECK_CHARS } from '../../../electron/core/store/event-hash';
import { canonicalJson } from '../../../shared/canonical-json';
import { requireBuild } from '../../helpers/built-core';
import { runCli } from '../../helpers/cli';
import { importGenerated, openEventDesk } from '../../helpers/desk-fixture';
import { useTempDirs } from '../../helpers/temp-dir';
import { serve } from './serve-process';

/** The decode worker as built (out/core/decode-worker.js): what `loket serve`, `join` and the kiosk run. */
const tempDir = useTempDirs();
const worker = new Worker(fileURLToPath(new URL('../../../out/core/decode-worker.js', import.meta.url)));
afterAll(() => worker.terminate());

let nextId = 0;
function decode(text: string): Promise<DecodeReply> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onReply = (reply: DecodeReply) => {
      if (reply.id !== id) return;
      worker.off('message', onReply);
      resolve(reply);
    };
    worker.on('message', onReply);
    const payload = compressSelfContained(Buffer.from(text));
    worker.postMessage({ id, payload: payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.length) });
  });
}

function deskWith(count: number, dir = tempDir()): Desk {
  const desk = openEventDesk(dir);
  importGenerated(desk, count, 9);
  return desk;
}

describe('the decode worker', () => {
  requireBuild();

  it('prepares a batch exactly as the store would, hashes included', async () => {
    const desk = deskWith(50);
    const { frames } = encodeEventBatch(desk.store.storedBetween(desk.id, 0, desk.store.heldOf(desk.id)));
    expect(frames).toHaveLength(1);
    const reply = await decode(frames[0]!.toString());
    if ('error' in reply) throw new Error(reply.error);
    const received = unpack(reply.message);
    if (received.t !== 'events') throw new Error(`not events: ${received.t}`);
    const stored = desk.db.prepare('SELECT desk, seq, hlc, operator, type, body, subject, hash FROM events WHERE desk = ? ORDER BY seq').all(desk.id);
    expect(received.events.map(({ redacted, ...e }) => (expect(redacted).toBe(false), e))).toEqual(stored);
    expect(received.damaged).toEqual([]);

    // One letter changed in one body on the way: set apart as damaged, the rest prepared as before.
    const text = frames[0]!.toString();
    const at = text.indexOf('"name":"') + 8;
    const damaged = await decode(text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) + 1) + text.slice(at + 1));
    if ('error' in damaged) throw new Error(damaged.error);
    const refused = unpack(damaged.message);
    if (refused.t !== 'events') throw new Error(`not events: ${refused.t}`);
    expect(refused.damaged).toHaveLength(1);
    expect(refused.events).toHaveLength(stored.length - 1);
    desk.close();
  });

  it('refuses a batch holding one invalid event, a message that is no JSON and one that is malformed', async () => {
    const desk = deskWith(3);
    // Each with the start of its hash, as a sender holding it sends it: the invalid one is genuinely so, not damaged.
    const withHash = <E extends { body: unknown }>(e: E) => ({ ...e, h: eventHash(e as never, canonicalJson(e.body)).slice(0, HASH_CHECK_CHARS) });
    const events = [...desk.store.all()].map(withHash);
    const at = events.findIndex((e) => e.type === 'participant.imported');
    events[at] = withHash({ ...events[at]!, body: { ...(events[at]!.body as object), nib: 'bukan NIB' } }) as never;
    for (const text of [JSON.stringify({ t: 'events', events }), '{"t":"events",', JSON.stringify({ t: 'hello', desk: 'x' })]) {
      const reply = await decode(text);
      expect(reply).toMatchObject({ error: expect.stringMatching(/invalid|not JSON|malformed/) });
    }
    desk.close();
  });

  it('carries a catch-up of several batches from `loket serve` into `loket join`, in order', async () => {
    const dir = tempDir();
    const source = deskWith(9_000, dir);
    const digest = source.store.digest();
    source.close();
    const served = await serve(dir);
    try {
      const { code } = invitation(Desk.open(dir), [served.url]);
      const fresh = tempDir();
      const joined = await runCli(['join', '--data', fresh, '--code', code, '--json']);
      expect(joined.code).toBe(0);
      expect(joined.json).toMatchObject({ inserted: 9_000 + (await eventsBeyond(dir)), conflicts: 0 });
      expect((joined.json as { derived: number }).derived).toBeGreaterThan(9_000);
      const desk = Desk.open(fresh);
      expect(desk.store.digest()).toBe(digest);
      expect(desk.view.size).toBe(9_000);
      desk.close();
    } finally {
      await served.stop();
    }
  });
});

/** Events other than the imported participants (event, desk, operator). */
async function eventsBeyond(dir: string): Promise<number> {
  const desk = Desk.open(dir);
  const n = desk.store.count() - 9_000;
  desk.close();
  return n;
}
