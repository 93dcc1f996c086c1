import { describe, expect, it } from 'vitest';
import { generateParticipants } from '../../electron/core/demo/participants';
import { writeCsv } from '../../electron/core/demo/messy-workbook';
import { checkIn } from '../../electron/core/services/checkin-service';
import { commitImport, importedBody, previewImport } from '../../electron/core/services/import-service';
import { canonicalJson } from '../../shared/canonical-json';
import { participantFieldsSchema } from '../../shared/events';
import { foldParticipant } from '../../shared/fold';
import { openEventDesk, person } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const csv = (people: ReturnType<typeof generateParticipants>) => ({
  fileName: 'daftar.csv',
  contentBase64: Buffer.from(writeCsv(people, { separator: ';', encoding: 'utf-8', bom: true })).toString('base64'),
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
});
