import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/core/api/dispatch';
import type { Desk } from '../../electron/core/desk';
import { writeCsv, writeMessyWorkbook } from '../../electron/core/demo/messy-workbook';
import { generateParticipants } from '../../electron/core/demo/participants';
import type { ImportResult } from '../../shared/api';
import { PIN, SESSION, openEventDesk, person } from '../helpers/desk-fixture';
import { propertyRuns } from '../helpers/property-runs';
import { expectClearError } from './fuzz-kit';

/**
 * The import services on a real desk, through the same dispatch the UI and CLI use: whatever the
 * file, a refused import leaves the log exactly as it was, and an accepted one adds exactly the
 * events it reports. A dry run never writes.
 */
const dir = mkdtempSync(join(tmpdir(), 'loket-fuzz-'));
let desk: Desk;
let workbook: Uint8Array;
let certificateCsv: Uint8Array;

beforeAll(async () => {
  desk = openEventDesk(dir, [person()]);
  expect(await dispatch(desk, 'unlockOrganizer', { pin: PIN }, SESSION)).toMatchObject({ ok: true });
  workbook = await writeMessyWorkbook(generateParticipants(12, 5));
  certificateCsv = new TextEncoder().encode(
    'NIB;Nomor Sertifikat;Produk;Tanggal Terbit\r\n0123456789012;ID63110000123456789;Roti;2024-05-01\r\n0123456789012;ID6311000012345;Kue;kemarin\r\n',
  );
});
afterAll(() => {
  desk.close();
  rmSync(dir, { recursive: true, force: true });
});

function flip(bytes: Uint8Array, changes: readonly (readonly [number, number])[]): Uint8Array {
  const out = Uint8Array.from(bytes);
  for (const [at, bit] of changes) out[at % out.length]! ^= 1 << bit;
  return out;
}

/** Files an organizer might pick: lists (whole or damaged), other files, junk. */
const file = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { minLength: 1, maxLength: 4 }).map((changes) => flip(workbook, changes)),
  fc.nat().map((cut) => workbook.slice(0, cut % workbook.length)),
  fc.tuple(fc.integer({ min: 1, max: 20 }), fc.nat(), fc.constantFrom(';', ',') as fc.Arbitrary<';' | ','>, fc.boolean()).map(([count, seed, separator, bom]) =>
    writeCsv(generateParticipants(count, seed), { separator, encoding: 'utf-8', bom }),
  ),
  fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { maxLength: 3 }).map((changes) => flip(certificateCsv, changes)),
  fc.string({ maxLength: 300 }).map((text) => new TextEncoder().encode(text)),
);
const fileName = fc.constantFrom('peserta.xlsx', 'peserta.csv', 'daftar.XLSX', 'x', 'sertifikat (1).csv');

describe('fuzz: importing into a desk', () => {
  it('writes all of a participant or certificate import or none of it, and says why not', async () => {
    const outcomes = { participants: 0, certificates: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(file, fileName, fc.boolean(), async (bytes, name, certificates) => {
        const input = { fileName: name, content: bytes };
        const before = { count: desk.store.count(), digest: desk.store.digest() };

        const preview = await dispatch(desk, certificates ? 'previewCertificateImport' : 'previewImport', input, SESSION);
        expect(desk.store.digest(), 'a dry run writes nothing').toBe(before.digest);
        const commit = await dispatch(desk, certificates ? 'commitCertificateImport' : 'commitImport', input, SESSION);

        if (!commit.ok) {
          expectClearError(commit.error);
          expect(desk.store.count()).toBe(before.count);
          expect(desk.store.digest()).toBe(before.digest);
          outcomes.refused++;
          return;
        }
        // The preview saw the same file, so it may not have refused it.
        expect(preview.ok).toBe(true);
        const result: ImportResult = commit.value;
        // One event per new or changed participant or certificate, and one import.completed.
        expect(desk.store.count()).toBe(before.count + result.imported + result.updated + 1);
        outcomes[certificates ? 'certificates' : 'participants']++;
      }),
      propertyRuns(120),
    );
    // Both sides of the property ran: imports that wrote and imports that were refused.
    expect(outcomes.participants).toBeGreaterThan(0);
    expect(outcomes.certificates).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});
