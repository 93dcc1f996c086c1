import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateParticipants } from '../../electron/core/demo/participants';
import { writeCsv, writeMessyWorkbook } from '../../electron/core/demo/messy-workbook';
import { countAgainst, importFingerprint, inIdOrder, parseList, type ParseRequest } from '../../electron/core/import/parse-list';
import { readOffThread, type ParsedFile, type ReadRows } from '../../electron/core/import/parse-off-thread';
import { SLICE_BYTES } from '../../electron/core/import/parse-messages';
import { readTable } from '../../electron/core/import/read-table';
import { LoketError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { requireBuild } from '../helpers/built-core';
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
  const rows: ReadRows = { candidates: [], ids: [] };
  for (let from = 0, count = 100; ; count = count === 100 ? 2_500 : 100) {
    const part = await file.rows(from, count);
    expect(part.ids.length).toBeLessThanOrEqual(count);
    if (part.ids.length === 0) return rows;
    from += part.ids.length;
    rows.candidates.push(...part.candidates);
    rows.ids.push(...part.ids);
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
        expect(taken).toEqual(inIdOrder(here));
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
