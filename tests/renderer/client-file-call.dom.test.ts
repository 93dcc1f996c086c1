import { describe, expect, it } from 'vitest';
import { httpClient } from '../../renderer/src/lib/client';
import { FILE_CALL_JSON_LENGTH, FILE_CALL_TYPE } from '../../shared/file-call';

interface Sent {
  headers: Record<string, string>;
  body: Uint8Array;
}

/** A fetch that keeps what the client sent, as bytes, and answers ok. */
function recorder(sent: Sent[]): typeof fetch {
  return (async (_url: string | URL | Request, init?: RequestInit) => {
    const body = new Uint8Array(await new Blob([init!.body as Blob | string]).arrayBuffer());
    sent.push({ headers: init!.headers as Record<string, string>, body });
    return new Response(JSON.stringify({ ok: true, value: {} }));
  }) as typeof fetch;
}

describe('the HTTP client and files', () => {
  it('sends an import as its JSON part followed by the bytes as they are, and other calls as JSON', async () => {
    const sent: Sent[] = [];
    const client = httpClient('/api/', recorder(sent));
    // Bytes that are not UTF-8 text: they must arrive untouched.
    const content = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
    await client.previewImport({ fileName: 'daftar.xlsx', content, includeSheets: ['Data Lama'] });
    await client.checkIn({ nib: '0123456789012' });

    const [file, json] = sent;
    expect(file!.headers['Content-Type']).toBe(FILE_CALL_TYPE);
    const jsonLength = Number(file!.headers[FILE_CALL_JSON_LENGTH]);
    expect(JSON.parse(new TextDecoder().decode(file!.body.subarray(0, jsonLength)))).toEqual({ fileName: 'daftar.xlsx', includeSheets: ['Data Lama'] });
    expect(file!.body.subarray(jsonLength)).toEqual(content);
    expect(file!.body.length).toBe(jsonLength + content.length);

    expect(json!.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(new TextDecoder().decode(json!.body))).toEqual({ nib: '0123456789012' });
  });
});
