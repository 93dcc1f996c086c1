import { request } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateParticipants } from '../../electron/core/demo/participants';
import { writeMessyWorkbook } from '../../electron/core/demo/messy-workbook';
import type { RunningServer } from '../../electron/core/server/http-server';
import { previewImport } from '../../electron/core/services/import-service';
import { FILE_CALL_JSON_LENGTH, FILE_CALL_TYPE } from '../../shared/file-call';
import { t } from '../../shared/i18n';
import { PIN, SESSION } from '../helpers/desk-fixture';
import { requireBuild } from '../helpers/built-core';
import { useServedDesk, type ServedDesk } from '../helpers/served-desk';

/**
 * The imports through the browser fallback, where a list travels as a file call (shared/file-call.ts):
 * the same answers as the desk gives in-process, and clear refusals of what is too big or malformed.
 */
const start = useServedDesk();

async function serve(): Promise<ServedDesk> {
  const served = await start();
  const unlocked = await post(served.server, 'unlockOrganizer', { 'Content-Type': 'application/json' }, JSON.stringify({ pin: PIN }));
  expect(unlocked.body).toMatchObject({ ok: true });
  return served;
}

interface Answer {
  status: number;
  body: { ok: boolean; value?: unknown; error?: { code: string; params: Record<string, string | number> } };
}

/** A POST as a page of this desk sends it; the answer's status and its JSON. */
function post(server: RunningServer, method: string, headers: Record<string, string>, body: Uint8Array | string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: `/api/${method}`, method: 'POST', headers: { ...headers, 'X-Loket-Client': '1', 'X-Loket-Session': SESSION, 'Content-Length': String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer['body'] }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A call carrying a file: its JSON part, then the file's bytes. */
function fileCall(server: RunningServer, method: string, rest: object, content: Uint8Array, jsonLength?: string): Promise<Answer> {
  const json = Buffer.from(JSON.stringify(rest));
  return post(server, method, { 'Content-Type': FILE_CALL_TYPE, [FILE_CALL_JSON_LENGTH]: jsonLength ?? String(json.length) }, Buffer.concat([json, content]));
}

describe('imports through the browser fallback', () => {
  beforeAll(requireBuild);

  it('reads a list sent as a file call as the desk reads it in-process, mapping included, and commits it', async () => {
    const { server, desk } = await serve();
    const content = await writeMessyWorkbook(generateParticipants(60, 3));
    const first = await fileCall(server, 'previewImport', { fileName: 'daftar.xlsx' }, content);
    expect(first.body).toEqual({ ok: true, value: await previewImport(desk, { fileName: 'daftar.xlsx', content }) });
    // The rest of the input travels in the JSON part: a column left out of one sheet's mapping.
    const [sheet] = (first.body.value as Awaited<ReturnType<typeof previewImport>>).sheets;
    const { phone: _phone, ...withoutPhone } = sheet!.mapping;
    const input = { fileName: 'daftar.xlsx', mappings: { [sheet!.sheet]: withoutPhone } };
    const mapped = await fileCall(server, 'previewImport', input, content);
    expect(mapped.body).toEqual({ ok: true, value: await previewImport(desk, { ...input, content }) });
    expect((mapped.body.value as Awaited<ReturnType<typeof previewImport>>).sheets[0]!.mapping).toEqual(withoutPhone);

    const committed = await fileCall(server, 'commitImport', input, content);
    const { toImport } = mapped.body.value as Awaited<ReturnType<typeof previewImport>>;
    expect(toImport).toBeGreaterThan(40);
    expect(committed.body).toMatchObject({ ok: true, value: { imported: toImport } });
    expect(desk.view.size).toBe(1 + toImport);
  });

  it('answers a list over 100 MB, and JSON over 1 MB, with 413 and the reason, and records nothing', async () => {
    const { server, desk } = await serve();
    const before = desk.store.count();
    const tooBig = await fileCall(server, 'previewImport', { fileName: 'besar.csv' }, Buffer.alloc(101 * 2 ** 20, 0x41));
    expect(tooBig).toEqual({ status: 413, body: { ok: false, error: { code: 'file_too_large', params: { max: 100 } } } });
    expect(t('id', 'error.file_too_large', tooBig.body.error!.params)).toBe('Berkas terlalu besar (maks. 100 MB).');
    // The old way, a list as base64 inside JSON, is now too big to parse where check-ins are answered.
    const asJson = JSON.stringify({ fileName: 'daftar.csv', contentBase64: Buffer.alloc(2 * 2 ** 20, 0x41).toString('base64') });
    const json = await post(server, 'commitImport', { 'Content-Type': 'application/json' }, asJson);
    expect(json).toMatchObject({ status: 413, body: { ok: false, error: { code: 'bad_request' } } });
    expect(desk.store.count()).toBe(before);
  });

  it('refuses a large malformed call with a clear message and records nothing', async () => {
    const { server, desk } = await serve();
    const before = desk.store.count();
    const list = Buffer.alloc(30 * 2 ** 20, 0x41);
    const refusals = [
      // The JSON part's length missing, past the body, or not a number.
      await post(server, 'previewImport', { 'Content-Type': FILE_CALL_TYPE }, list),
      await fileCall(server, 'previewImport', { fileName: 'daftar.csv' }, list, String(list.length + 100)),
      await fileCall(server, 'previewImport', { fileName: 'daftar.csv' }, list, '1e3'),
      // A JSON part that is not JSON, or that carries the file itself.
      await fileCall(server, 'previewImport', { fileName: 'daftar.csv' }, list, '30'),
      await fileCall(server, 'commitImport', { fileName: 'daftar.csv', content: 'QUJD' }, list),
      // A list sent as base64 in JSON, as before file calls: the contract wants its bytes.
      await post(server, 'commitImport', { 'Content-Type': 'application/json' }, JSON.stringify({ fileName: 'daftar.csv', contentBase64: list.subarray(0, 600_000).toString('base64') })),
    ];
    for (const refused of refusals) {
      expect(refused).toMatchObject({ status: 200, body: { ok: false, error: { code: 'bad_request' } } });
      expect(t('en', 'error.bad_request', refused.body.error!.params)).toMatch(/^Invalid request: \S/);
    }
    expect(refusals.at(-1)!.body.error!.params.detail).toContain("content: expected the file's bytes");
    expect(desk.store.count()).toBe(before);
  });
});
