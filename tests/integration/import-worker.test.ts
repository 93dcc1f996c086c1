import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateParticipants } from '../../electron/core/demo/participants';
import { writeCsv, writeMessyWorkbook } from '../../electron/core/demo/messy-workbook';
import { readCertificatesOffThread } from '../../electron/core/import/certificates-off-thread';
import { parseCertificateBytes, type CertificateRequest } from '../../electron/core/import/parse-certificates';
import { countAgainst, importFingerprint, inIdOrder, parseList, type ParseRequest } from '../../electron/core/import/parse-list';
import { newParticipantBodies } from '../../electron/core/import/imported-body';
import { readOffThread, type ParsedFile, type ReadRows } from '../../electron/core/import/parse-off-thread';
import { SLICE_BYTES } from '../../electron/core/import/parse-messages';
import { readTable } from '../../electron/core/import/read-table';
import { LoketError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { builtCore, requireBuild } from '../helpers/built-core';
import { openEventDesk } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';
import { declareSize, zipBomb } from '../fuzz/zip-writer';

/** The import worker as built (out/core/import-worker.js): what the kiosk, `loket serve` and the CLI run. */
const workerFile = new URL('../../out/core/import-worker.js', import.meta.url);
const options = { lang: 'id' as const, nibRequired: true };
const request = (bytes: Uint8Array, fileName: string): ParseRequest => ({
  content: bytes,
  fileName,
  options,
  secret: 'a'.repeat(64),
});

/** Every row a commit would take, in transactions of varying size as a commit takes them. */
async function allRows(file: ParsedFile): Promise<ReadRows> {
  const rows: ReadRows = { candidates: [], ids: [], bodies: [] };
  for (let from = 0, count = 100; ; count = count === 100 ? 2_500 : 100) {
    const part = await file.rows(from, count);
    expect(part.ids.length).toBeLessThanOrEqual(count);
    if (part.ids.length === 0) return rows;
    from += part.ids.length;
    rows.candidates.push(...part.candidates);
    rows.ids.push(...part.ids);
    rows.bodies.push(...part.bodies);
  }
}

async function refusal(promise: Promise<unknown>): Promise<LoketError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoketError);
  return error as LoketError;
}

describe('reading imports off the main thread', () => {
  beforeAll(requireBuild);

  it('gives the same list through the worker as on this thread, however many parts it travels in', async () => {
    // 40,000 rows: a CSV of more than one slice on its way there, and many parts on the way back.
    const people = generateParticipants(40_000, 4);
    const csv = writeCsv(people, { separator: ';', encoding: 'utf-8', bom: true });
    expect(csv.length).toBeGreaterThan(SLICE_BYTES);
    for (const [bytes, name] of [
      [await writeMessyWorkbook(people.slice(0, 300)), 'messy.xlsx'],
      [csv, 'besar.csv'],
    ] as const) {
      const here = await parseList(request(bytes, name));
      const there = await readOffThread(request(bytes, name), { workerFile });
      try {
        const { sheets, rows, nonDataRows, errors, warnings } = here;
        expect(there.summary).toEqual({ sheets, rows, nonDataRows, valid: here.candidates.length, errors, warnings });
        // Counted on the worker against participants sent in slices: a third known, half of those changed.
        const known = here.candidates.filter((_, i) => i % 3 === 0).map((c, i) => [here.ids[i * 3]!, importFingerprint(i % 2 ? { ...c.fields, phone: null } : c.fields)] as [string, string]);
        const slices = [known.slice(0, 1_000), known.slice(1_000)];
        expect(await there.count(slices)).toEqual(countAgainst(here, new Map(known)));
        // The rows come in the order the commit records them: by participant ID.
        const taken = await allRows(there);
        const ordered = inIdOrder(here);
        // Each with its event body as the log stores it, made there as this thread would make it.
        expect(taken).toEqual({ ...ordered, bodies: newParticipantBodies(ordered.candidates, ordered.ids, name) });
        expect(JSON.parse(taken.bodies[0]!)).toMatchObject({ id: taken.ids[0], nib: taken.candidates[0]!.fields.nib, prev: null, source: { file: name } });
        expect(taken.ids).toEqual([...here.ids].sort());
        expect(here.candidates.length).toBeGreaterThan(250);
      } finally {
        there.close();
      }
    }
  });

  it('refuses a 400 KB zip bomb that inflates to 385 MB from its declared sizes, before inflating it', async () => {
    const bomb = zipBomb(385);
    expect(bomb.length).toBeLessThan(420 * 1024);
    const before = process.memoryUsage();
    const error = await refusal(readTable(bomb, 'bom.xlsx'));
    const after = process.memoryUsage();
    expect(error).toMatchObject({ code: 'file_too_complex', params: { max: 200 } });
    // Nothing was inflated: neither buffers nor the heap grew by anything near the sheet's size.
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(64 * 1024 * 1024);
    expect(await refusal(readOffThread(request(bomb, 'bom.xlsx'), { workerFile }))).toMatchObject({ code: 'file_too_complex' });
  });

  it('refuses an ODS zip bomb from its declared sizes too, before SheetJS (which inflates an ODS itself) sees it', async () => {
    const bomb = zipBomb(385, 'ods');
    expect(bomb.length).toBeLessThan(420 * 1024);
    const before = process.memoryUsage();
    const error = await refusal(readTable(bomb, 'bom.ods'));
    const after = process.memoryUsage();
    expect(error).toMatchObject({ code: 'file_too_complex', params: { max: 200 } });
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(16 * 1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(64 * 1024 * 1024);
    expect(await refusal(readOffThread(request(bomb, 'bom.ods'), { workerFile }))).toMatchObject({ code: 'file_too_complex' });
  });

  it('refuses an ODS whose part holds more than it declares, which SheetJS would inflate whatever it declares', async () => {
    // LibreOffice writes 0 for the sizes in each local header (they follow the data), and SheetJS
    // sizes its output by that header: it read this list whole, 19,113 bytes of content.xml.
    const saved = new Uint8Array(readFileSync(join(import.meta.dirname, 'fixtures/import/per-regency-lo.ods')));
    expect((await readTable(saved, 'daftar.ods')).length).toBe(4);
    const error = await refusal(readTable(declareSize(saved, 'content.xml', 1_000), 'daftar.ods'));
    expect(error).toMatchObject({ code: 'file_unreadable', params: { file: 'daftar.ods' } });
  });

  it('stops a worker that needs more memory than it may use, says so clearly, and reads the next list', async () => {
    // Ten million short cells: a 30 MB CSV, well within the size limit, whose cells do not fit a 48 MB heap.
    const cells = new TextEncoder().encode('ab;cd;ef;gh;ij\n'.repeat(2_000_000));
    const error = await refusal(readOffThread(request(cells, 'berat.csv'), { workerFile, memoryMb: 48 }));
    expect(error).toMatchObject({ code: 'file_too_complex', params: { max: 48 } });
    expect(t('id', `error.${error.code}`, error.params)).toContain('Membaca berkas ini butuh lebih dari 48 MB memori');
    const next = await readOffThread(request(writeCsv(generateParticipants(5, 1), { separator: ';', encoding: 'utf-8' }), 'kecil.csv'), { workerFile });
    expect((await allRows(next)).candidates).toHaveLength(5);
    next.close();
  });
});

const tempDir = useTempDirs();

/**
 * A certificate list as CSV with `nibs.length` rows: every 7th not issued yet (no number), every
 * 11th with an NIB "proses"; `note` characters of an unread column on each row.
 */
function certificateCsv(nibs: readonly string[], note = 0): Uint8Array {
  const text = 'Jl. A. Yani Km. 12, '.repeat(Math.ceil(note / 20)).slice(0, note);
  const lines = nibs.map((nib, i) => `${i % 11 === 0 ? 'proses' : nib};${i % 7 === 0 ? '' : `ID6311${String(i).padStart(13, '0')}`};Amplang, Dodol Kandangan;30/04/2024;${text}`);
  return new TextEncoder().encode(['NIB;Nomor Sertifikat;Produk;Tanggal Terbit;Alamat', ...lines].join('\r\n'));
}
const nibsFrom = (first: number, count: number) => Array.from({ length: count }, (_, i) => String(first + i));
const certificates = (content: Uint8Array, fileName = 'sertifikat.csv'): CertificateRequest => ({ content, fileName, lang: 'id' });

/**
 * The longest the event loop went without running a 5 ms timer while `work` ran, a turn after it
 * included (a thread held to the end shows only then). perf_hooks' monitorEventLoopDelay, tried
 * first, reported none of a 0.8 s stall in this test.
 */
async function longestStall<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  let last = performance.now();
  let longest = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    const value = await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { value, ms: longest };
  } finally {
    clearInterval(ticker);
  }
}

describe('reading certificate lists off the main thread', () => {
  beforeAll(requireBuild);

  it('gives the same list through the worker as on this thread, however many parts it comes back in', async () => {
    const bytes = certificateCsv(nibsFrom(1_000_000_000_000, 2_500));
    const here = await parseCertificateBytes(bytes, { fileName: 'sertifikat.csv', lang: 'id' });
    expect(here.candidates.length).toBeGreaterThan(2_000);
    expect(here.errors.length).toBeGreaterThan(200);
    expect(await readCertificatesOffThread(certificates(bytes), { workerFile })).toEqual(here);
  });

  it('refuses a zip bomb and a list that needs more memory than a worker may use, as a participant list', async () => {
    expect(await refusal(readCertificatesOffThread(certificates(zipBomb(385), 'bom.xlsx'), { workerFile }))).toMatchObject({ code: 'file_too_complex', params: { max: 200 } });
    const cells = new TextEncoder().encode('ab;cd;ef;gh;ij\n'.repeat(2_000_000));
    const error = await refusal(readCertificatesOffThread(certificates(cells, 'berat.csv'), { workerFile, memoryMb: 48 }));
    expect(error).toMatchObject({ code: 'file_too_complex', params: { max: 48 } });
    expect(t('id', `error.${error.code}`, error.params)).toContain('Membaca berkas ini butuh lebih dari 48 MB memori');
  });

  it('keeps the desk answering while the built core previews a 70 MB certificate list, and refuses a zip bomb there too', async () => {
    const lib = await builtCore();
    const dir = tempDir();
    const people = generateParticipants(300, 8);
    openEventDesk(dir, people).close();
    const desk = lib.Desk.open(dir);
    try {
      // 20,000 rows, the first 300 of them the desk's participants, each with 3.5 KB of an unread column.
      const nibs = [...people.map((p) => p.nib!), ...nibsFrom(1_000_000_000_000, 19_700)];
      const content = certificateCsv(nibs, 3_500);
      expect(content.length).toBeGreaterThan(70_000_000);
      const { value: preview, ms } = await longestStall(() => lib.previewCertificateImport(desk, { fileName: 'sertifikat.csv', content }));
      expect(preview.rows).toBe(20_000);
      expect(preview.imported).toBe(300 - Math.ceil(300 / 11));
      // Loosely: read on the main thread, this list held it for 0.9-1.2 s at once; read on the worker, 150-180 ms at most.
      expect(ms).toBeLessThan(500);
      await expect(lib.previewCertificateImport(desk, { fileName: 'bom.xlsx', content: zipBomb(385) })).rejects.toMatchObject({ code: 'file_too_complex' });
    } finally {
      desk.close();
    }
  });
});
