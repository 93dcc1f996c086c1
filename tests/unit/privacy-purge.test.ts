import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupNow } from '../../electron/core/backup/backup-file';
import { setBackupSettings } from '../../electron/core/backup/backup-settings';
import { Desk } from '../../electron/core/desk';
import { checkIn, registerWalkIn } from '../../electron/core/services/checkin-service';
import { markExported, privacyOverview, purgePersonalData, setRetention } from '../../electron/core/services/privacy-service';
import { status } from '../../electron/core/services/status-service';
import { handOver, addCertificate } from '../../electron/core/services/handover-service';
import { integrityProblem } from '../../electron/core/store/integrity';
import { validEvent } from '../../electron/core/sync/messages';
import { openEventDesk, person, PIN } from '../helpers/desk-fixture';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();
const WALK_IN = { name: 'Hj. Salmiah Baderun', phone: '081251234567', nib: '6371999900001', business: 'Amplang Salmiah', regency: '63.72' };
const people = [
  person({ nib: '6301000000001', name: 'Muhammad Rizky Ansyari', phone: '+6281349001122', business: 'Keripik Tempe Rizky' }),
  person({ nib: '6301000000002', name: 'Siti Norhidayah', phone: '+6281349003344', business: 'Dodol Kandangan Siti', regency: '63.03' }),
  person({ nib: '6301000000003', name: 'Abdul Gafur Basri', phone: null, business: 'Wadai Gafur' }),
];
const SECRETS = [...people.flatMap((p) => [p.name, p.nib!, p.business, p.phone].filter((v): v is string => !!v)), WALK_IN.name, WALK_IN.nib, WALK_IN.business, '6281251234567'];

async function dayDesk(dir = tempDir(), now?: () => number): Promise<Desk> {
  const desk = openEventDesk(dir, people, now ? { now } : {});
  checkIn(desk, { nib: '6301000000001' });
  checkIn(desk, { nib: '6301000000002' });
  registerWalkIn(desk, { ...WALK_IN, district: '', address: 'Jl. A. Yani km 7', productType: '', productName: 'Amplang' });
  const p = desk.view.byNibValue('6301000000001')!;
  addCertificate(desk, { participantId: p.id, number: 'ID63110000123450524', products: ['Keripik'], issueDate: '2024-05-02', status: 'tersedia', acceptOddNumber: false });
  await handOver(desk, {
    participantId: p.id,
    number: 'ID63110000123450524',
    recipient: { kind: 'representative', name: 'Rahmah Ansyari', relationship: 'istri', idNumber: '6371045505900001', letterShown: true },
    signature: 'M 10 10 L 200 200',
    photo: null,
  });
  return desk;
}

/** The figures a purge must keep: the status screen's counts. */
function counts(s: ReturnType<typeof status>) {
  return { participants: s.participants, checkedIn: s.checkedIn, walkIns: s.walkIns, byRegency: s.byRegency, unknownRegency: s.unknownRegency };
}

function hashes(dir: string): string[] {
  const db = new Database(join(dir, 'loket.db'), { readonly: true });
  const rows = db.prepare('SELECT pos, desk, seq, hash FROM events ORDER BY pos').all().map((r) => JSON.stringify(r));
  db.close();
  return rows;
}

function fileText(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f.startsWith('loket.db'))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

describe('purging personal data', () => {
  it('is refused before an export, with a wrong PIN, and when records came in after the export', async () => {
    const desk = await dayDesk();
    await expect(purgePersonalData(desk, PIN)).rejects.toMatchObject({ code: 'export_required' });
    markExported(desk);
    await expect(purgePersonalData(desk, '000000')).rejects.toMatchObject({ code: 'wrong_pin' });
    registerWalkIn(desk, { name: 'Late Arrival', nib: '6301000000099', phone: undefined, business: '', regency: '63.01', district: '', address: '', productType: '', productName: '' });
    await expect(purgePersonalData(desk, PIN)).rejects.toMatchObject({ code: 'data_after_export', params: { count: 1 } });
    expect(privacyOverview(desk).personalSinceExport).toBe(1);
    expect(desk.store.purged()).toBe(false);
    desk.close();
  });

  it('removes names, NIB, phones and recipients from the log, the tables and the file, and keeps every count', async () => {
    const dir = tempDir();
    const desk = await dayDesk(dir);
    const before = status(desk);
    const identities = hashes(dir);
    const count = desk.store.count();
    expect(fileText(dir)).toContain('Siti Norhidayah');
    markExported(desk);

    const outcome = await purgePersonalData(desk, PIN);
    expect(outcome.purged).toBe(true);

    expect(counts(status(desk))).toEqual(counts(before));
    // Every event keeps its place and hash; the purge only adds its own.
    expect(hashes(dir).slice(0, -1)).toEqual(identities);
    expect(desk.store.count()).toBe(count + 1);
    const purgedEvent = [...desk.store.all()].find((e) => e.type === 'desk.purged');
    expect(purgedEvent?.body).toMatchObject({ participants: 4, checkedIn: 3, redacted: 5 });
    expect(desk.view.byNibValue('6301000000001')).toBeUndefined();
    expect(desk.view.index.search('Siti', 10)).toEqual([]);
    expect(integrityProblem(desk.db)).toBeNull();
    desk.close();

    const text = fileText(dir);
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
    expect(text).not.toContain('Rahmah Ansyari');
    expect(text).not.toContain('M 10 10 L 200 200');

    const reopened = Desk.open(dir);
    expect(counts(status(reopened))).toEqual(counts(before));
    const db = new Database(join(dir, 'loket.db'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM participants WHERE nib IS NOT NULL').pluck().get()).toBe(0);
    db.close();
    await expect(purgePersonalData(reopened, PIN)).rejects.toMatchObject({ code: 'already_purged' });
    reopened.close();
  });

  it('removes this desk’s backups, which hold the data just destroyed', async () => {
    const folder = tempDir();
    const desk = await dayDesk();
    setBackupSettings(desk, { folder });
    await backupNow(desk, 'manual');
    expect(readdirSync(folder)).toHaveLength(1);
    markExported(desk);
    expect((await purgePersonalData(desk, PIN)).copiesRemoved).toBe(1);
    expect(readdirSync(folder)).toEqual([]);
    desk.close();
  });

  it('still refuses any other change to the log', async () => {
    const dir = tempDir();
    (await dayDesk(dir)).close();
    const db = new Database(join(dir, 'loket.db'));
    expect(() => db.prepare("UPDATE events SET body = '{}' WHERE pos = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE events SET body = '{}', redacted = 1, hash = 'x' WHERE pos = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE events SET body = '{}', redacted = 1, seq = 99 WHERE pos = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM events WHERE pos = 1').run()).toThrow(/append-only/);
    db.close();
  });

  it('replicates redacted events under their original hashes and redacts what arrives after the purge', async () => {
    const a = await dayDesk();
    const b = Desk.open(tempDir());
    b.setMeta('event_secret', a.secret);
    markExported(a);
    await purgePersonalData(a, PIN);
    // A peer that never held the originals gets the redacted copies: same event set, same digest.
    b.store.ingest([...a.store.all()]);
    expect(b.store.digest()).toBe(a.store.digest());
    b.refresh();
    expect([...b.view.all()].map((p) => p.name).filter(Boolean)).toEqual([]);

    // An unpurged desk's walk-in reaches the purged desk: stored without its personal fields.
    const c = openEventDesk(tempDir(), []);
    c.store.ingest([...a.store.all()].filter((e) => e.type === 'event.configured'));
    registerWalkIn(c, { name: 'Sesudah Purge', nib: '6301000000077', phone: '081200001111', business: 'Usaha Baru', regency: '63.01', district: '', address: '', productType: '', productName: '' });
    const result = a.store.ingest([...c.store.all()]);
    expect(result.conflicts).toEqual([]);
    a.refresh();
    const late = [...a.view.all()].find((p) => p.walkIn && p.checkins.some((k) => k.desk === c.id));
    expect(late).toMatchObject({ name: '', nib: null, phone: null });
    expect(a.store.digest()).not.toBe(b.store.digest());
    // b is not purged and keeps c's originals, yet the two hold the same event set.
    expect(b.store.ingest([...c.store.all()]).conflicts).toEqual([]);
    expect(b.store.digest()).toBe(a.store.digest());
    b.refresh();
    expect([...b.view.all()].find((p) => p.name === 'Sesudah Purge')).toBeDefined();
    a.close();
    b.close();
    c.close();
  });
});

describe('retention date', () => {
  it('reminds the organizer once the date has passed (WITA), until the purge', async () => {
    let now = Date.UTC(2024, 5, 20, 15, 59); // 23:59 WITA on 20 June
    const desk = await dayDesk(tempDir(), () => now);
    expect(privacyOverview(desk)).toMatchObject({ retentionDate: null, retentionPassed: false });
    setRetention(desk, '2024-06-20');
    expect(privacyOverview(desk)).toMatchObject({ retentionDate: '2024-06-20', retentionPassed: false });
    now += 2 * 60_000; // 00:01 WITA on 21 June, still 20 June in UTC
    expect(privacyOverview(desk).retentionPassed).toBe(true);
    markExported(desk);
    await purgePersonalData(desk, PIN);
    expect(privacyOverview(desk).retentionPassed).toBe(false);
    desk.close();
  });
});

describe('a purged desk syncing on', () => {
  const wire = (desk: Desk) => [...desk.store.all()].map((e) => validEvent(JSON.parse(JSON.stringify({ desk: e.desk, seq: e.seq, hlc: e.hlc, operator: e.operator, type: e.type, body: e.body }))));

  it('sends redacted events that an unpurged and a fresh desk accept under the same hashes', async () => {
    const a = await dayDesk();
    const b = Desk.open(tempDir());
    b.setMeta('event_secret', a.secret);
    b.store.ingest(wire(a));
    markExported(a);
    await purgePersonalData(a, PIN);

    // The peer that holds the originals sees duplicates, not integrity alarms, and the same event set.
    const result = b.store.ingest(wire(a));
    expect(result.conflicts).toEqual([]);
    expect(result.duplicates).toBeGreaterThan(5);
    expect(b.store.digest()).toBe(a.store.digest());

    const fresh = Desk.open(tempDir());
    fresh.setMeta('event_secret', a.secret);
    fresh.store.ingest(wire(a));
    fresh.refresh();
    expect(fresh.store.digest()).toBe(a.store.digest());
    expect(counts(status(fresh))).toEqual(counts(status(a)));
    for (const desk of [a, b, fresh]) desk.close();
  });

  it('redacts again whatever personal data a body marked as redacted still carries', async () => {
    const a = await dayDesk();
    const imported = [...a.store.all()].find((e) => e.type === 'participant.imported')!;
    const forged = { ...imported, body: { ...imported.body, redacted: 'a'.repeat(64) } };
    const event = validEvent(JSON.parse(JSON.stringify(forged)));
    expect(JSON.stringify(event.body)).not.toContain((imported.body as { name: string }).name);
    expect(event.body).toMatchObject({ name: '', nib: null, redacted: 'a'.repeat(64) });
    expect(() => validEvent({ ...forged, type: 'checkin.recorded' } as never)).toThrow(/invalid/);
    a.close();
  });
});
