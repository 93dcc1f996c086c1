import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { LoketError } from '../../../shared/errors';
import type { Desk } from '../desk';
import type { IngestResult } from '../store/event-store';
import { SyncRecords } from '../store/sync-records';
import { bundleKey, deriveEventKeys } from './keys';
import { checkedEvents, remoteEventSchema, type EventId } from './messages';

/**
 * Events on a USB stick when there is no network: every event this desk holds, gzipped, sealed with
 * AES-256-GCM under a key derived from the event secret and a per-file salt. The header is the
 * AAD, so any change to any byte is refused; import is the same idempotent ingest as sync.
 *
 *   "LOKETBUNDLE1\n" ‖ salt(16) ‖ iv(12) ‖ ciphertext ‖ tag(16)
 */
const MAGIC = Buffer.from('LOKETBUNDLE1\n');
const HEADER = MAGIC.length + 16 + 12;
const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;
const MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024 - 1;

/** 2: each event carries the start of its hash (`h`), checked on import like a sync frame's. */
const BUNDLE_VERSION = 2;

const bundleSchema = z.object({
  v: z.number().int(),
  desk: z.string().max(64),
  events: z.array(remoteEventSchema),
});


export function exportBundle(desk: Desk): Buffer {
  // The events as stored, bodies spliced in (as a sync batch carries them): nothing parsed or re-encoded.
  const events = [...desk.store.storedAll()].map((e) => e.json).join(',');
  const plain = gzipSync(`{"v":${BUNDLE_VERSION},"desk":${JSON.stringify(desk.id)},"events":[${events}]}`);
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = Buffer.concat([MAGIC, salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', bundleKey(deriveEventKeys(desk.secret), salt), iv);
  cipher.setAAD(header);
  return Buffer.concat([header, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

export function importBundle(desk: Desk, file: Buffer): IngestResult & { from: string; damaged: EventId[] } {
  if (file.length > MAX_BUNDLE_BYTES) throw new LoketError('bundle_unreadable');
  if (file.length < HEADER + 16 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw new LoketError('bundle_unreadable');
  const header = file.subarray(0, HEADER);
  const salt = header.subarray(MAGIC.length, MAGIC.length + 16);
  const decipher = createDecipheriv('aes-256-gcm', bundleKey(deriveEventKeys(desk.secret), salt), header.subarray(MAGIC.length + 16));
  decipher.setAAD(header);
  decipher.setAuthTag(file.subarray(file.length - 16));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(file.subarray(HEADER, file.length - 16)), decipher.final()]);
  } catch {
    throw new LoketError('bundle_foreign');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(gunzipSync(plain, { maxOutputLength: MAX_UNPACKED_BYTES }).toString('utf8'));
  } catch {
    throw new LoketError('bundle_unreadable');
  }
  const version = (raw as { v?: unknown } | null)?.v;
  if (typeof version === 'number' && version !== BUNDLE_VERSION) throw new LoketError('bundle_version', { found: version, reads: BUNDLE_VERSION });
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) throw new LoketError('bundle_unreadable');
  let checked: ReturnType<typeof checkedEvents>;
  try {
    checked = checkedEvents(parsed.data.events);
  } catch {
    throw new LoketError('bundle_unreadable');
  }
  const result = desk.store.ingestPrepared(checked.events);
  const records = new SyncRecords(desk.db);
  const source = `bundle:${parsed.data.desk}`;
  const now = desk.now();
  for (const c of result.conflicts) records.alarm(c.desk, c.seq, source, now);
  for (const d of checked.damaged) records.alarm(d.desk, d.seq, source, now, 'damaged');
  desk.refresh();
  return { ...result, from: parsed.data.desk, damaged: checked.damaged };
}
