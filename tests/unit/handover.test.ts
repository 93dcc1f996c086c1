import { describe, expect, it } from 'vitest';
import { LoketError } from '../../shared/errors';
import { Desk } from '../../electron/core/desk';
import { parseInput } from '../../electron/core/api/dispatch';
import { conflicts } from '../../electron/core/services/conflicts';
import { addCertificate, handOver, maskIdNumber, printReceipt, resolveConflict, voidHandover } from '../../electron/core/services/handover-service';
import { closeDesk, stock } from '../../electron/core/services/certificate-stock';
import { unlockOrganizer, signIn } from '../../electron/core/services/event-service';
import { commitCertificateImport, previewCertificateImport } from '../../electron/core/services/certificate-import-service';
import { openEventDesk, person, PIN, SESSION } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const SIG = 'M10 10L200 300L400 120';
const CERT = 'ID63110000474710524';
const OTHER = 'ID63110000474720524';

function setup(): { desk: Desk; siti: string; rusdi: string } {
  const desk = openEventDesk(tempDir(), [person(), person({ nib: '2222222222222', name: 'Rusdi Kamal' })]);
  const siti = desk.view.byNibValue('0123456789012')!.id;
  const rusdi = desk.view.byNibValue('2222222222222')!.id;
  addCertificate(desk, parseInput('addCertificate', { participantId: siti, number: CERT, products: ['Roti Pisang Kukus'] }));
  addCertificate(desk, parseInput('addCertificate', { participantId: rusdi, number: OTHER }));
  return { desk, siti, rusdi };
}

const give = (desk: Desk, participantId: string, number: string, extra: Record<string, unknown> = {}) =>
  handOver(desk, parseInput('handOver', { participantId, number, recipient: { kind: 'owner' }, signature: SIG, ...extra }), desk.requireOperator(), { requireSignature: true, session: SESSION });

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof LoketError) return e.code;
    throw e;
  }
  return 'ok';
}

/** A second desk of the same event: the secret and every event of the first, as joining gives it. */
function secondDesk(a: Desk, name: string): Desk {
  const b = Desk.open(tempDir());
  b.setMeta('event_secret', a.secret);
  b.store.ingest([...a.store.all()]);
  b.refresh();
  signIn(b, name);
  return b;
}

function merge(a: Desk, b: Desk): void {
  a.store.ingest([...b.store.all()]);
  b.store.ingest([...a.store.all()]);
  a.refresh();
  b.refresh();
}

describe('certificate handover', () => {
  it('hands over in person with a signature and prints a receipt that says so', async () => {
    const { desk, siti } = setup();
    const out = await give(desk, siti, ` id6311 0000 4747 10524 `);
    expect(out.certificate).toMatchObject({ status: 'diserahkan', handovers: [{ recipient: { kind: 'owner', name: "Nur'aini Ramadhani" }, signature: SIG, operator: 'Rina' }] });
    expect(out.receiptHtml).toContain('TANDA TERIMA SERTIFIKAT HALAL');
    expect(out.receiptHtml).toContain(CERT);
    expect(out.receiptHtml).toContain(SIG);
    // The footer names the desk's own record number, never the raw event ID.
    const handover = out.certificate.handovers[0]!.id;
    expect(out.receiptHtml).toContain(`<footer>Nomor bukti Meja 1/${handover.split(':')[1]}</footer>`);
    expect(out.receiptHtml).not.toContain(desk.id);
    expect(await printReceipt(desk, out.certificate.id)).toMatchObject({ mode: 'browser', html: expect.stringContaining('Meja 1 / Rina') });
    desk.close();
  });

  it('refuses the wrong envelope, a missing signature, and a representative without name and relationship', async () => {
    const { desk, siti } = setup();
    expect(await code(give(desk, siti, OTHER))).toBe('wrong_envelope');
    expect(await code(give(desk, siti, CERT, { signature: null }))).toBe('signature_required');
    expect(await code(give(desk, siti, CERT, { recipient: { kind: 'representative', name: 'Ahmad' } }))).toBe('representative_name_required');
    expect(await code(give(desk, siti, 'ID00000000000000000'))).toBe('certificate_not_found');
    expect(stock(desk).totals).toMatchObject({ listed: 2, inStock: 2, handedOwner: 0 });
    desk.close();
  });

  it('records a representative with the ID number masked and the letter of authority', async () => {
    const { desk, siti } = setup();
    const out = await give(desk, siti, CERT, { recipient: { kind: 'representative', name: 'Ahmad Fauzi', relationship: 'anak', idNumber: '6371040101900001', letterShown: true } });
    expect(out.certificate.handovers[0]!.recipient).toEqual({ kind: 'representative', name: 'Ahmad Fauzi', relationship: 'anak', idNumberMasked: '6371********0001', letterShown: true });
    expect(JSON.stringify([...desk.store.all()])).not.toContain('6371040101900001');
    expect(out.receiptHtml).toContain('Ditunjukkan');
    expect(stock(desk).totals).toMatchObject({ handedRepresentative: 1, inStock: 1 });
    expect(maskIdNumber('1234')).toBe('****');
    desk.close();
  });

  it('never hands a certificate out twice: the second try says when, where, by whom and to whom; an organizer override voids the first', async () => {
    const { desk, siti } = setup();
    await give(desk, siti, CERT);
    let message = '';
    try {
      await give(desk, siti, CERT);
    } catch (e) {
      message = JSON.stringify((e as LoketError).params);
    }
    expect(message).toContain('Meja 1');
    expect(message).toContain('Rina');
    expect(await code(give(desk, siti, CERT, { overrideReason: 'sertifikat rusak, diganti' }))).toBe('organizer_locked');
    await unlockOrganizer(desk, PIN, SESSION);
    const again = await give(desk, siti, CERT, { overrideReason: 'sertifikat rusak, diganti' });
    expect(again.certificate.handovers).toHaveLength(1);
    expect(again.certificate.conflict).toBe(false);
    expect(again.certificate.handovers[0]!.overrideReason).toBe('sertifikat rusak, diganti');
    desk.close();
  });

  it('undoes a handover with a reason', async () => {
    const { desk, siti } = setup();
    const { certificate } = await give(desk, siti, CERT);
    const undone = voidHandover(desk, { certificateId: certificate.id, reason: 'salah serah' });
    expect(undone.status).toBe('tersedia');
    expect((await give(desk, siti, CERT)).certificate.status).toBe('diserahkan');
    desk.close();
  });

  it('shows one identical conflict on both desks after a partition, until an organizer resolves it on one', async () => {
    const { desk: a, siti } = setup();
    const b = secondDesk(a, 'Budi');
    await give(a, siti, CERT);
    await give(b, siti, CERT, { recipient: { kind: 'representative', name: 'Ahmad', relationship: 'suami' } });
    merge(a, b);
    const seenA = conflicts(a);
    expect(seenA).toHaveLength(1);
    expect(conflicts(b)).toEqual(seenA);
    const c = seenA[0]!;
    if (c.kind !== 'handover') throw new Error('expected a handover conflict');
    expect(c.certificate.handovers.map((h) => h.operator).sort()).toEqual(['Budi', 'Rina']);
    expect(stock(a)).toEqual(stock(b));

    const keep = c.certificate.handovers.find((h) => h.operator === 'Rina')!.id;
    resolveConflict(b, { certificateId: c.certificate.id, keep, reason: 'pemilik datang sendiri' });
    expect(conflicts(b)).toEqual([]);
    expect(conflicts(a)).toHaveLength(1);
    merge(a, b);
    expect(conflicts(a)).toEqual([]);
    expect(a.certificates.get(c.certificate.id)).toEqual(b.certificates.get(c.certificate.id));
    a.close();
    b.close();
  });

  it('closes a desk like a cash drawer, in the log', async () => {
    const { desk, siti } = setup();
    await give(desk, siti, CERT);
    const closing = closeDesk(desk);
    expect(closing).toMatchObject({ deskName: 'Meja 1', inStock: 1, handedOver: [{ number: CERT, representative: false }] });
    expect(closing.html).toContain('LAPORAN TUTUP MEJA');
    expect([...desk.store.all()].some((e) => e.type === 'desk.closed')).toBe(true);
    desk.close();
  });
});

describe('certificate list import', () => {
  const csv = (rows: string[]) => ({
    fileName: 'sertifikat.csv',
    content: Buffer.from(['NIB;Nomor Sertifikat;Produk;Tanggal Terbit', ...rows].join('\r\n')),
  });

  it('matches by NIB, reports unmatched and duplicate rows, and re-imports without duplicating', async () => {
    const desk = openEventDesk(tempDir(), [person(), person({ nib: '2222222222222', name: 'Rusdi Kamal' })]);
    const file = csv([
      `0123456789012;${CERT};Roti Pisang Kukus, Dodol;30/04/2024`,
      `2222222222222;;Amplang;`,
      `9999999999999;${OTHER};Kerupuk;2024-05-01`,
      `0123456789012;${CERT};Roti;30/04/2024`,
      `2222222222222;ID123;Abon;1 Mei 2024`,
    ]);
    const preview = await previewCertificateImport(desk, file);
    expect(preview).toMatchObject({ rows: 5, imported: 3 });
    expect(preview.errors.map((e) => [e.code, e.row])).toEqual([['cert_unmatched', 4]]);
    expect(preview.warnings.map((w) => [w.code, w.row])).toEqual([
      ['cert_pending', 3],
      ['cert_duplicate', 5],
      ['cert_number_format', 6],
    ]);
    expect(desk.certificates.all().next().done).toBe(true);
    const first = await commitCertificateImport(desk, file);
    expect(first.imported).toBe(3);
    const siti = desk.view.byNibValue('0123456789012')!.id;
    expect(desk.certificates.ofParticipant(siti)[0]).toMatchObject({ number: CERT, products: ['Roti Pisang Kukus', 'Dodol'], issueDate: '2024-04-30', status: 'tersedia' });
    const again = await commitCertificateImport(desk, file);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 3 });

    // The pending certificate gets its number: the placeholder is updated, not duplicated.
    const issued = await commitCertificateImport(desk, csv([`2222222222222;ID63110000474799924;Amplang;2024-05-20`]));
    expect(issued).toMatchObject({ imported: 0, updated: 1 });
    const rusdi = desk.view.byNibValue('2222222222222')!.id;
    expect(desk.certificates.ofParticipant(rusdi).map((c) => c.number).sort()).toEqual(['ID123', 'ID63110000474799924']);
    desk.close();
  });
});
