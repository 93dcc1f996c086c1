import { join } from 'node:path';
import { parseInput } from '../../electron/core/api/dispatch';
import { seedDemoEvent } from '../../electron/core/demo/seed';
import { seededRandom } from '../../electron/core/demo/random';
import { Desk } from '../../electron/core/desk';
import { checkIn, registerWalkIn } from '../../electron/core/services/checkin-service';
import { signIn } from '../../electron/core/services/event-service';
import { certificateIdFor, handOver } from '../../electron/core/services/handover-service';
import { SyncRecords } from '../../electron/core/store/sync-records';
import { DEFAULT_EVENT_REGENCIES } from '../../shared/domain/regency';

/** A WITA wall-clock time on the demo event's day. */
export const wita = (h: number, m = 0) => Date.UTC(2024, 4, 21, h - 8, m);

const SIGNATURE = 'M 120 260 L 180 200 L 240 280 L 320 150 L 400 240';

/**
 * The demo event as it looks at 10.40 WITA: four desks, arrivals ramping up from 07.30 and easing
 * after the morning rush, certificates handed over in person and to representatives, walk-ins,
 * one double handover made while two desks could not see each other, and a fourth desk gone quiet
 * with a wrong clock. Every event is recorded by the services at its desk and then replicated into
 * desk A (`store.ingest`), as the LAN would. Desk A's clock keeps running from 10.40.
 */
export async function demoDay(dir: string): Promise<Desk> {
  let now = wita(7);
  let clock = () => now;
  const a = Desk.open(join(dir, 'a'), { now: () => clock() });
  seedDemoEvent(a);
  const people = [...a.view.all()].filter((p) => p.nib).sort((x, y) => x.nib!.localeCompare(y.nib!));
  a.record(
    people.slice(0, 900).map((p, i) => {
      const number = `ID63110${String(240_001 + i).padStart(12, '0')}`;
      return {
        type: 'certificate.added' as const,
        body: { id: certificateIdFor(a, number), participant: p.id, number, products: [p.productName], issueDate: '2024-04-30', status: i % 40 === 7 ? ('belum_terbit' as const) : ('tersedia' as const), source: null, prev: null },
      };
    }),
    'panitia',
  );
  signIn(a, 'Rina');

  const other = (name: string, operator: string): Desk => {
    const d = Desk.open(join(dir, name), { now: () => now });
    d.setMeta('event_secret', a.secret);
    d.store.ingest([...a.store.all()]);
    d.refresh();
    d.record([{ type: 'desk.named', body: { name } }], 'panitia');
    signIn(d, operator);
    return d;
  };
  const b = other('Meja 2', 'Dewi');
  const c = other('Meja 3', 'Yusran');
  const d = other('Meja 4', 'Aulia');
  const operators = new Map<Desk, string[]>([
    [a, ['Rina', 'Budi']],
    [b, ['Dewi']],
    [c, ['Yusran', 'Halimah']],
    [d, ['Aulia']],
  ]);

  const random = seededRandom(20240521);
  const order = [...people];
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let next = 0;
  let acc = 0;
  let walkIns = 0;
  // A morning rush around 08.45, easing towards late morning: about 620 arrivals by 10.40.
  for (let minute = 30; minute < 220; minute++) {
    acc += 4.4 * Math.exp(-(((minute - 105) / 62) ** 2)) + 0.9;
    for (; acc >= 1; acc--) {
      now = wita(7, minute) + random.int(60_000);
      const desk = minute > 120 && random.chance(0.5) ? b : random.pick(minute < 120 ? [a, b, c, d] : [a, b, c]);
      const names = operators.get(desk)!;
      const operator = names[Math.floor(minute / 70) % names.length]!;
      if (random.chance(0.02)) {
        const regency = random.pick(DEFAULT_EVENT_REGENCIES).code;
        desk.setMeta('operator', operator);
        registerWalkIn(desk, parseInput('registerWalkIn', { nib: String(9_900_000_000_000 + ++walkIns), name: `Peserta Baru ${walkIns}`, regency }));
        continue;
      }
      const p = order[next++]!;
      checkIn(desk, { participantId: p.id, via: random.chance(0.7) ? 'qr' : 'nib' }, operator);
      const cert = desk.certificates.ofParticipant(p.id)[0];
      if (!cert || cert.listed !== 'tersedia' || !random.chance(0.62)) continue;
      desk.setMeta('operator', operator);
      const representative = random.chance(0.14);
      await handOver(
        desk,
        parseInput('handOver', {
          participantId: p.id,
          number: cert.number,
          recipient: representative ? { kind: 'representative', name: 'Penerima Kuasa', relationship: 'Anak' } : { kind: 'owner' },
          signature: SIGNATURE,
        }),
      );
    }
  }

  // Meja 2 and Meja 3 handed out the same certificate while they could not reach each other.
  now = wita(10, 39);
  const twice = order[next++]!;
  checkIn(b, { participantId: twice.id, via: 'qr' }, 'Dewi');
  const number = b.certificates.ofParticipant(twice.id)[0]!.number;
  for (const desk of [b, c]) {
    await handOver(desk, parseInput('handOver', { participantId: twice.id, number, recipient: { kind: 'owner' }, signature: SIGNATURE }));
  }

  now = wita(10, 40);
  for (const desk of [b, c, d]) {
    a.store.ingest([...desk.store.all()]);
    desk.close();
  }
  a.refresh();
  const records = new SyncRecords(a.db);
  records.touch({ desk: b.id, lastContact: now - 20_000, clockOffsetMs: 800, address: 'http://192.168.1.12:4317' });
  records.touch({ desk: c.id, lastContact: now - 35_000, clockOffsetMs: -1_200, address: 'http://192.168.1.13:4317' });
  records.touch({ desk: d.id, lastContact: wita(9, 58), clockOffsetMs: 154_000, address: 'http://192.168.1.14:4317' });
  const started = Date.now();
  clock = () => wita(10, 40) + (Date.now() - started);
  return a;
}
