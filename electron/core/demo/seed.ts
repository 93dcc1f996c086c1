import type { DeskInfo } from '../../../shared/api';
import { regencyByCode } from '../../../shared/domain/regency';
import type { Desk } from '../desk';
import { createEvent, deskInfo } from '../services/event-service';
import { recordImport } from '../services/import-service';
import { generateParticipants } from './participants';

export const DEMO_PIN = '12345678';
const DEMO_SEED = 20240521;

/**
 * The built-in demo: the Kalsel event of 21 May 2024 with about 1000 synthetic participants, so a
 * newcomer running `npm start` sees a working desk at once. Marked demo everywhere it is shown.
 */
export function seedDemoEvent(
  desk: Desk,
  options: { name?: string | undefined; date?: string | undefined; pin?: string | undefined; count?: number } = {},
): DeskInfo {
  createEvent(desk, {
    name: options.name ?? 'Percepatan Fasilitasi 1000 Sertifikasi Halal Self Declare (DEMO)',
    date: options.date ?? '2024-05-21',
    venue: 'Aula Idham Khalid, Kantor Gubernur Kalimantan Selatan, Banjarbaru',
    timezone: 'Asia/Makassar',
    nibRequired: true,
    pin: options.pin ?? DEMO_PIN,
    deskName: 'Meja 1',
    demo: true,
  });
  const participants = generateParticipants(options.count ?? 1000, DEMO_SEED);
  const candidates = participants.map((fields, i) => ({
    fields,
    source: { sheet: regencyByCode(fields.regency ?? '')?.short ?? 'Demo', row: i + 2 },
  }));
  recordImport(desk, 'demo-peserta.xlsx', { rows: candidates.length, candidates, errors: [], warnings: [], sheets: [] }, 'demo');
  return deskInfo(desk);
}
