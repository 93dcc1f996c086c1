import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Desk } from '../desk';
import type { IngestResult } from '../store/event-store';
import { SyncRecords } from '../store/sync-records';
import { bundleKey, deriveEventKeys } from './keys';
import { receivedEvent, remoteEventSchema } from './messages';

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

const bundleSchema = z.object({
  v: z.literal(1),
  desk: z.string().max(64),
  events: z.array(remoteEventSchema),
});

export class BundleError extends Error {}

export function exportBundle(desk: Desk): Buffer {
  const plain = gzipSync(JSON.stringify({ v: 1, desk: desk.id, events: [...desk.store.all()] }));
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const header = Buffer.concat([MAGIC, salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', bundleKey(deriveEventKeys(desk.secret), salt), iv);
  cipher.setAAD(header);
  return Buffer.concat([header, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

export function importBundle(desk: Desk, file: Buffer): IngestResult & { from: string } {
  if (file.length > MAX_BUNDLE_BYTES) throw new BundleError('bundle too large');
  if (file.length < HEADER + 16 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw new BundleError('not a Loket bundle');
  const header = file.subarray(0, HEADER);
  const salt = header.subarray(MAGIC.length, MAGIC.length + 16);
  const decipher = createDecipheriv('aes-256-gcm', bundleKey(deriveEventKeys(desk.secret), salt), header.subarray(MAGIC.length + 16));
  decipher.setAAD(header);
  decipher.setAuthTag(file.subarray(file.length - 16));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(file.subarray(HEADER, file.length - 16)), decipher.final()]);
  } catch {
    throw new BundleError('the bundle is damaged or belongs to another event');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(gunzipSync(plain, { maxOutputLength: MAX_UNPACKED_BYTES }).toString('utf8'));
  } catch {
    throw new BundleError('the bundle content is malformed');
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) throw new BundleError('the bundle content is malformed');
  const result = desk.store.ingestPrepared(parsed.data.events.map(receivedEvent));
  const records = new SyncRecords(desk.db);
  for (const c of result.conflicts) records.alarm(c.desk, c.seq, `bundle:${parsed.data.desk}`, desk.now());
  desk.refresh();
  return { ...result, from: parsed.data.desk };
}
