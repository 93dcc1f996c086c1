import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { generateParticipants } from '../../electron/core/demo/participants';
import { writeCsv } from '../../electron/core/demo/messy-workbook';
import { checkIn } from '../../electron/core/services/checkin-service';
import { importedBody } from '../../electron/core/import/imported-body';
import { commitImport, previewImport } from '../../electron/core/services/import-service';
import { canonicalJson } from '../../shared/canonical-json';
import type { LoketError } from '../../shared/errors';
import { t } from '../../shared/i18n';
import { participantFieldsSchema } from '../../shared/events';
import { foldParticipant } from '../../shared/fold';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const csv = (people: ReturnType<typeof generateParticipants>) => ({
  fileName: 'daftar.csv',
  content: writeCsv(people, { separator: ';', encoding: 'utf-8', bom: true }),
});

describe('recording an import', () => {
  it('builds each participant.imported body in canonical order, with every participant field', () => {
    const fields = { ...person(), nik: '6371010101010001' };
    for (const key of Object.keys(participantFieldsSchema.shape)) expect(fields).toHaveProperty(key);
    const source = { file: 'daftar.xlsx', row: 5, sheet: 'TALA' };
    const withNik = importedBody('p1234567', fields, source, null);
    expect(withNik).toEqual({ id: 'p1234567', ...fields, source, prev: null });
    const { nik: _nik, ...common } = fields;
    const body = importedBody('p1234567', common, source, null);
    expect(Object.keys(body)).not.toContain('nik');
    // Stored as built: the canonical text is the body's own JSON, no re-sorting.
    expect(canonicalJson(body)).toBe(JSON.stringify(body));
  });

  it('derives the same participants from a 1,500-row import as a fold of the log does, updates and check-ins included', async () => {
    const desk = openEventDesk(tempDir());
    try {
      const people = generateParticipants(1_500, 21);
      await previewImport(desk, csv(people));
      expect((await commitImport(desk, csv(people))).imported).toBe(1_500);
      const first = [...desk.view.all()].slice(0, 3);
      for (const p of first) checkIn(desk, { participantId: p.id, via: 'search' });
      // Every phone changes: the second import updates all 1,500, three of whom have checked in meanwhile.
      const moved = people.map((p, i) => ({ ...p, phone: `+62813${String(10_000_000 + i)}` }));
      expect((await commitImport(desk, csv(moved))).updated).toBe(1_500);

      const stored = desk.db.prepare('SELECT id, state FROM participants').all() as { id: string; state: string }[];
      expect(stored).toHaveLength(1_500);
      for (const row of stored) expect(row.state).toBe(JSON.stringify(foldParticipant(desk.store.subjectEvents(`p:${row.id}`))));
      for (const p of first) expect(desk.view.get(p.id)).toMatchObject({ phone: expect.stringMatching(/^\+62813/), checkins: [expect.anything()] });
    } finally {
      desk.close();
    }
  });

  it('answers a check-in made while a big list is being recorded before the import is finished', async () => {
    const desk = openEventDesk(tempDir(), [person()]);
    try {
      // Made as soon as the first rows are in the log, as an operator at the desk would meanwhile.
      let checkedIn: Promise<void> | null = null;
      const stop = desk.onChange(() => {
        stop();
        checkedIn = new Promise((resolve) => setImmediate(() => resolve(void checkIn(desk, { nib: person().nib! }))));
      });
      expect((await commitImport(desk, csv(generateParticipants(2_000, 22)))).imported).toBe(2_000);
      await checkedIn;
      const types = [...desk.store.all()].map((e) => e.type);
      const checkin = types.indexOf('checkin.recorded');
      expect(checkin).toBeGreaterThan(types.indexOf('participant.imported'));
      expect(checkin).toBeLessThan(types.lastIndexOf('participant.imported'));
      expect(types.lastIndexOf('import.completed')).toBe(types.length - 1);
    } finally {
      desk.close();
    }
  });

  it('records the rest, and no participant twice, when a list whose import stopped part way is imported again', async () => {
    const dir = tempDir();
    const people = generateParticipants(2_000, 23);
    const first = openEventDesk(dir);
    // The desk closes (the app quits) once the first rows are in the log.
    const stop = first.onChange(() => {
      stop();
      setImmediate(() => first.close());
    });
    const stopped = (await commitImport(first, csv(people)).catch((error: unknown) => error)) as LoketError;
    expect(stopped.code).toBe('import_interrupted');
    const done = Number(stopped.params.done);
    expect(done).toBeGreaterThan(0);
    expect(done).toBeLessThan(people.length);
    expect(t('id', 'error.import_interrupted', stopped.params)).toMatch(new RegExp(`^Impor terhenti setelah ${done} dari 2\\.000 baris; .* Sebab: Terjadi kesalahan`));

    const desk = Desk.open(dir);
    try {
      expect(desk.view.size).toBe(done);
      const again = await commitImport(desk, csv(people));
      expect(again).toMatchObject({ imported: people.length - done, updated: 0, unchanged: done });
      expect(desk.view.size).toBe(people.length);
      const imported = [...desk.store.all()].filter((e) => e.type === 'participant.imported').map((e) => (e.body as { id: string }).id);
      expect(new Set(imported).size).toBe(people.length);
      expect(imported).toHaveLength(people.length);
      expect([...desk.store.all()].filter((e) => e.type === 'import.completed')).toHaveLength(1);
    } finally {
      desk.close();
    }
  });
});

/** Bytes this process has had written to storage so far (Linux). */
function bytesWritten(): number {
  return Number(/^write_bytes: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))![1]);
}

describe.runIf(existsSync('/proc/self/io'))('the disk an import costs', () => {
  it('writes a 20,000-row list in under 2.5 times the bytes of the database it makes', async () => {
    const dir = tempDir();
    const desk = openEventDesk(dir);
    try {
      const list = csv(generateParticipants(20_000, 5));
      await previewImport(desk, list);
      const before = bytesWritten();
      expect((await commitImport(desk, list)).imported).toBe(20_000);
      const written = bytesWritten() - before;
      // The WAL and the database each take every page once; what is written beyond that is pages written again.
      const size = statSync(join(dir, 'loket.db')).size;
      expect(written / size).toBeGreaterThan(1);
      expect(written / size).toBeLessThan(2.5);
    } finally {
      desk.close();
    }
  });
});
