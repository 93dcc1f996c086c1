import { parseInput } from '../../electron/core/api/dispatch';
import { Desk } from '../../electron/core/desk';
import { checkIn, registerWalkIn, voidCheckIn } from '../../electron/core/services/checkin-service';
import { signIn } from '../../electron/core/services/event-service';
import { addCertificate, handOver, resolveConflict } from '../../electron/core/services/handover-service';
import { openEventDesk, person } from './desk-fixture';

export const SIG = 'M10 10L200 300L400 120';
export const INJECTION = {
  hyperlink: '=HYPERLINK("http://x","y")',
  phoneText: '+62 811 5000 (toko)',
  sum: '@SUM(A1)',
  minus: '-1+1',
};

/** A second desk of the same event: the secret and every event of the first, as joining gives it. */
export function secondDesk(a: Desk, dir: string, name: string, now?: () => number): Desk {
  const b = Desk.open(dir, now ? { now } : {});
  b.setMeta('event_secret', a.secret);
  b.store.ingest([...a.store.all()]);
  b.refresh();
  signIn(b, name);
  return b;
}

export function merge(a: Desk, b: Desk): void {
  a.store.ingest([...b.store.all()]);
  b.store.ingest([...a.store.all()]);
  a.refresh();
  b.refresh();
}

export const give = (desk: Desk, participantId: string, number: string, recipient: Record<string, unknown> = { kind: 'owner' }) =>
  handOver(desk, parseInput('handOver', { participantId, number, recipient, signature: SIG }));

/**
 * A small day with everything the export shows: present and absent participants in two
 * regencies, a walk-in, a voided check-in, a badge reprint, handovers in person and to a
 * representative, a certificate not yet issued, a resolved handover conflict between two desks,
 * and the spreadsheet-formula texts of the sample data.
 */
export async function exportDay(dir: () => string, now?: () => number): Promise<{ a: Desk; b: Desk }> {
  const a = openEventDesk(
    dir(),
    [
      person(),
      person({ nib: '0000000000017', name: 'Rusdi Kamal', business: INJECTION.hyperlink, phone: '+6285100000001' }),
      person({ nib: '9120000000003', name: INJECTION.sum, business: INJECTION.phoneText, address: INJECTION.minus, regency: '63.72' }),
      person({ nib: '9120000000004', name: 'Belum Datang', regency: '63.72' }),
    ],
    now ? { now } : {},
  );
  const id = (nib: string) => a.view.byNibValue(nib)!.id;
  addCertificate(a, parseInput('addCertificate', { participantId: id('0123456789012'), number: 'ID63110000474710524', products: ['Roti Pisang Kukus'], issueDate: '2024-05-02' }));
  addCertificate(a, parseInput('addCertificate', { participantId: id('0000000000017'), number: 'ID63110000474720524' }));
  addCertificate(a, parseInput('addCertificate', { participantId: id('9120000000003'), number: 'ID63720000000030524' }));
  addCertificate(a, parseInput('addCertificate', { participantId: id('9120000000004'), number: 'ID63720000000040524', status: 'belum_terbit' }));
  checkIn(a, { participantId: id('0123456789012'), via: 'search' });
  checkIn(a, { nib: '0000000000017' });
  checkIn(a, { nib: '9120000000003' });
  checkIn(a, { nib: '9120000000004' });
  voidCheckIn(a, parseInput('voidCheckIn', { participantId: id('9120000000004'), reason: 'salah orang' }));
  a.record([{ type: 'badge.printed', body: { participant: id('0123456789012'), layout: 'a6', reason: null } }], 'Rina');
  a.record([{ type: 'badge.printed', body: { participant: id('0123456789012'), layout: 'a6', reason: 'kartu hilang' } }], 'Rina');
  registerWalkIn(a, parseInput('registerWalkIn', { name: 'Siti Walk-in', nib: '6300000000001', business: 'Kue Bingka', phone: '081211112222', regency: '63.72' }));
  await give(a, id('0123456789012'), 'ID63110000474710524');
  await give(a, id('0000000000017'), 'ID63110000474720524', { kind: 'representative', name: 'Ahmad Kamal', relationship: 'Anak', idNumber: '6371010101010001', letterShown: true });

  // Two desks hand over the same certificate without seeing each other: a conflict the organizer resolves.
  const b = secondDesk(a, dir(), 'Budi', now);
  b.setMeta('desk_name', 'Meja 2');
  b.record([{ type: 'desk.named', body: { name: 'Meja 2' } }], 'Budi');
  await give(a, id('9120000000003'), 'ID63720000000030524');
  await give(b, id('9120000000003'), 'ID63720000000030524', { kind: 'representative', name: 'Wakil', relationship: 'Istri' });
  merge(a, b);
  const c = a.certificates.all();
  const contested = [...c].find((x) => x.number === 'ID63720000000030524')!;
  resolveConflict(a, parseInput('resolveConflict', { certificateId: contested.id, keep: contested.handovers[0]!.id, reason: 'penerima langsung' }));
  merge(a, b);
  return { a, b };
}
