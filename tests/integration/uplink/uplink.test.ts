import { spawn, type ChildProcess } from 'node:child_process';
import { expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { canonicalJson } from '../../../shared/canonical-json';
import type { Desk } from '../../../electron/core/desk';
import { Desk as DeskClass } from '../../../electron/core/desk';
import { stock } from '../../../electron/core/services/certificate-stock';
import { checkIn, registerWalkIn, voidCheckIn } from '../../../electron/core/services/checkin-service';
import { signIn, unlockOrganizer } from '../../../electron/core/services/event-service';
import { addCertificate, handOver, resolveConflict, voidHandover } from '../../../electron/core/services/handover-service';
import { markExported, purgePersonalData } from '../../../electron/core/services/privacy-service';
import { SCHEMA_VERSION } from '../../../electron/core/uplink/schema';
import { cliPath } from '../../helpers/built-core';
import { runCli } from '../../helpers/cli';
import { importGenerated, openEventDesk, person, PIN, SESSION } from '../../helpers/desk-fixture';
import { dispatch } from '../../../electron/core/api/dispatch';
import { UplinkHost } from '../../../electron/core/uplink/uplink-host';
import { uplinkFile } from '../../../electron/core/uplink/uplink-settings';
import { useTempDirs } from '../../helpers/temp-dir';
import { eventually } from '../sync/serve-process';
import { describeWithPostgres, serverDigest as serverDigestOf, serverRows as serverRowsOf, statusJson, uplinkOnce as uplinkOnceTo, useProvince } from './province';

/** The province uplink against a real PostgreSQL (province.ts: the cluster, the DBA's schema, the grants). */
const tempDir = useTempDirs();
const province = useProvince();
const uplinkOnce = (dir: string, url = province.uplinkUrl) => uplinkOnceTo(dir, url);
const serverRows = (eventId: string) => serverRowsOf(province.db, eventId);
const serverDigest = (eventId: string) => serverDigestOf(province.db, eventId);

/** The columns issue 17 names for each view, in its order. */
const VIEW_COLUMNS = {
  loket_attendance: ['event_id', 'event_name', 'event_date', 'regency_code', 'regency_name', 'participants', 'checked_in', 'walk_ins'],
  loket_handovers: ['event_id', 'regency_code', 'certificates', 'in_person', 'by_representative', 'remaining'],
};

/**
 * The two views for one event, read through `db`, held against `loket status --json` (and the desk's
 * stock per regency) for the same events. "Not issued" is what the handover columns leave of the certificates.
 */
async function expectViewsEqualStatus(desk: Desk, db: pg.Client): Promise<void> {
  const event = desk.requireEvent();
  const s = await statusJson(desk.dataDir);
  for (const [view, columns] of Object.entries(VIEW_COLUMNS)) {
    const { rows } = await db.query('SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position', [view]);
    expect(rows.map((r: { column_name: string }) => r.column_name), view).toEqual(columns);
  }
  const attendance = (
    await db.query(
      'SELECT event_name, event_date::text AS event_date, regency_code, regency_name, participants, checked_in, walk_ins FROM loket_attendance WHERE event_id = $1',
      [event.eventId],
    )
  ).rows as { event_name: string; event_date: string; regency_code: string | null; regency_name: string | null; participants: number; checked_in: number; walk_ins: number }[];
  expect(new Set(attendance.map((r) => `${r.event_name} ${r.event_date}`))).toEqual(new Set([`${event.name} ${event.date}`]));
  const named = attendance.filter((r) => r.regency_code !== null).sort((a, b) => a.regency_code!.localeCompare(b.regency_code!));
  expect(named.map((r) => ({ code: r.regency_code, name: r.regency_name, participants: r.participants, checkedIn: r.checked_in }))).toEqual(
    s.byRegency.map((r) => ({ code: r.code, name: r.name, participants: r.participants, checkedIn: r.checkedIn })),
  );
  const unknown = attendance.find((r) => r.regency_code === null);
  expect({ participants: unknown?.participants ?? 0, checkedIn: unknown?.checked_in ?? 0 }).toEqual(s.unknownRegency);
  expect(attendance.reduce((n, r) => n + r.walk_ins, 0)).toBe(s.walkIns);
  // Walk-ins per regency are not in the status: from the desk's own view of the same events.
  desk.refresh();
  const walkIns = new Map<string | null, number>();
  for (const p of desk.view.all()) if (p.walkIn) walkIns.set(p.regency, (walkIns.get(p.regency) ?? 0) + 1);
  for (const r of attendance) expect(r.walk_ins, `walk-ins of ${r.regency_code}`).toBe(walkIns.get(r.regency_code) ?? 0);

  const handovers = (
    (await db.query('SELECT * FROM loket_handovers WHERE event_id = $1', [event.eventId])).rows as {
      regency_code: string | null;
      certificates: number;
      in_person: number;
      by_representative: number;
      remaining: number;
    }[]
  ).map((r) => ({ code: r.regency_code, listed: r.certificates, owner: r.in_person, rep: r.by_representative, inStock: r.remaining, notIssued: r.certificates - r.in_person - r.by_representative - r.remaining }));
  const sum = (k: 'listed' | 'owner' | 'rep' | 'inStock' | 'notIssued') => handovers.reduce((n, r) => n + r[k], 0);
  expect({ listed: sum('listed'), handedOwner: sum('owner'), handedRepresentative: sum('rep'), remaining: sum('inStock'), notIssued: sum('notIssued') }).toEqual(s.dashboard.certificates);
  const perRegency = stock(desk).byRegency.map((r) => ({ code: r.code || null, listed: r.listed, owner: r.handedOwner, rep: r.handedRepresentative, inStock: r.inStock, notIssued: r.notIssued }));
  expect(handovers.sort((a, b) => (a.code ?? '99').localeCompare(b.code ?? '99'))).toEqual(perRegency);
}

const walkIn = (nib: string, regency: string | null) => ({
  name: 'Hj. Salmiah Baderun',
  phone: '081251234567',
  nib,
  business: 'Amplang Salmiah',
  regency: regency ?? undefined,
  district: '',
  address: 'Jl. A. Yani km 7',
  productType: '',
  productName: 'Amplang',
});

/** A day at one desk: imports across regencies (one without), arrivals, an undone arrival, a walk-in, certificates handed over both ways. */
async function busyDesk(dir: string, nibBase: number, n = 12): Promise<Desk> {
  const people = Array.from({ length: n }, (_, i) =>
    person({ nib: String(nibBase + i).padStart(13, '0'), name: `Peserta ${nibBase + i}`, regency: i === n - 1 ? null : ['63.01', '63.03', '63.71', '63.02'][i % 4]! }),
  );
  const desk = openEventDesk(dir, people);
  for (let i = 0; i < n; i += 2) checkIn(desk, { nib: people[i]!.nib! });
  voidCheckIn(desk, { participantId: desk.view.byNibValue(people[2]!.nib!)!.id, reason: 'salah orang' });
  await recordHandovers(desk, people[0]!.nib!, people[1]!.nib!, nibBase);
  return desk;
}

async function recordHandovers(desk: Desk, ownerNib: string, representedNib: string, serial: number): Promise<void> {
  const number = (k: number) => `ID6311${String(serial + k).padStart(13, '0').slice(-13)}`;
  const owner = desk.view.byNibValue(ownerNib)!;
  const represented = desk.view.byNibValue(representedNib)!;
  addCertificate(desk, { participantId: owner.id, number: number(1), products: ['Keripik'], issueDate: '2024-05-02', status: 'tersedia', acceptOddNumber: false });
  addCertificate(desk, { participantId: represented.id, number: number(2), products: ['Dodol'], issueDate: '2024-05-02', status: 'tersedia', acceptOddNumber: false });
  addCertificate(desk, { participantId: represented.id, number: number(3), products: ['Wadai'], issueDate: null, status: 'belum_terbit', acceptOddNumber: false });
  await handOver(desk, { participantId: owner.id, number: number(1), recipient: { kind: 'owner', name: 'Peserta sendiri', letterShown: false }, signature: 'M 1 1 L 9 9', photo: null });
  const voided = addCertificate(desk, { participantId: owner.id, number: number(4), products: ['Amplang'], issueDate: '2024-05-02', status: 'tersedia', acceptOddNumber: false });
  addCertificate(desk, { participantId: represented.id, number: number(5), products: ['Kue'], issueDate: '2024-05-02', status: 'tersedia', acceptOddNumber: false });
  await handOver(desk, { participantId: owner.id, number: number(4), recipient: { kind: 'owner', name: 'Peserta sendiri', letterShown: false }, signature: 'M 2 2 L 8 8', photo: null });
  voidHandover(desk, { certificateId: voided.id, reason: 'salah sertifikat' });
  await handOver(desk, {
    participantId: represented.id,
    number: number(2),
    recipient: { kind: 'representative', name: 'Rahmah Ansyari', relationship: 'istri', idNumber: '6371045505900001', letterShown: true },
    signature: 'M 10 10 L 200 200',
    photo: null,
  });
}

/** A second desk of the same event: the secret and everything the first holds, then its own events. */
function secondDesk(dir: string, first: Desk): Desk {
  const desk = DeskClass.open(dir);
  desk.setMeta('event_secret', first.secret);
  desk.store.ingest([...first.store.all()]);
  desk.refresh();
  signIn(desk, 'Dewi');
  return desk;
}

function exchange(a: Desk, b: Desk): void {
  a.store.ingest([...b.store.all()]);
  b.store.ingest([...a.store.all()]);
  a.refresh();
  b.refresh();
}

describeWithPostgres('province uplink into a real PostgreSQL', () => {
  it('asks for the DBA while the least-privileged role may not create the schema, then works with only INSERT and SELECT', async () => {
    const desk = openEventDesk(tempDir());
    await province.cluster.createDatabase('bare', 'loket_owner');
    const refused = await runCli(['uplink', '--data', desk.dataDir, '--once', '--lang', 'en'], { LOKET_UPLINK_URL: province.uplinkUrl.replace(/\/province$/, '/bare') });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--print-schema');

    const once = await uplinkOnce(desk.dataDir);
    expect(once).toMatchObject({ pushed: desk.store.count(), events: desk.store.count(), alarms: 0 });
    expect(once.server).toBe(`loket_uplink@127.0.0.1:${province.cluster.port}/province`);

    // Nothing else: the role can neither change nor remove what it sent.
    await province.db.query('SET ROLE loket_uplink');
    try {
      await expect(province.db.query('UPDATE loket_events SET operator = $1', ['x'])).rejects.toThrow(/permission denied/);
      await expect(province.db.query('DELETE FROM loket_events')).rejects.toThrow(/permission denied/);
    } finally {
      await province.db.query('RESET ROLE');
    }
    // And the owner only by the one move a purge makes.
    await expect(province.db.query('UPDATE loket_events SET operator = $1', ['x'])).rejects.toThrow(/append-only/);
  });

  it("the uplink role cannot borrow the redaction trigger's owner rights through a temporary table of its own", async () => {
    // The role may make temporary tables (PUBLIC may, by default). Were the owner's trigger to find this
    // loket_events before the real one, its UPDATE would fire the role's own trigger with the owner's rights.
    const attacker = new pg.Client({ connectionString: province.uplinkUrl });
    await attacker.connect();
    const hash = 'a'.repeat(64);
    try {
      await attacker.query('CREATE TEMP TABLE loket_events (LIKE public.loket_events)');
      await attacker.query('GRANT ALL ON pg_temp.loket_events TO loket_owner');
      await attacker.query(`CREATE FUNCTION pg_temp.take_over() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN EXECUTE 'GRANT ALL ON public.loket_events TO loket_uplink'; RETURN NEW; END $$`);
      await attacker.query('CREATE TRIGGER take_over BEFORE UPDATE ON pg_temp.loket_events FOR EACH ROW EXECUTE FUNCTION pg_temp.take_over()');
      await attacker.query("INSERT INTO pg_temp.loket_events VALUES ('temp-hijack', 'd', 1, 'h', 'o', 'participant.imported', '{\"name\": \"x\"}', $1)", [hash]);
      await attacker.query(
        "INSERT INTO public.loket_events VALUES ('temp-hijack', 'd', 1, 'h', 'o', 'participant.imported', $2::jsonb, $1) ON CONFLICT DO NOTHING",
        [hash, JSON.stringify({ name: '', redacted: hash })],
      );
      const granted = await province.db.query(
        "SELECT has_table_privilege('loket_uplink', 'loket_events', 'UPDATE') OR has_table_privilege('loket_uplink', 'loket_events', 'TRUNCATE') AS any",
      );
      expect(granted.rows[0].any).toBe(false);
    } finally {
      await attacker.end();
      await province.db.query('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON loket_events FROM loket_uplink');
    }
  });

  it('creates the schema by its migrations when the role may, once, with two uplinks starting together', async () => {
    await province.cluster.createDatabase('selfmade', 'loket_owner');
    const a = openEventDesk(tempDir());
    const b = openEventDesk(tempDir());
    const url = province.ownerUrl.replace(/\/province$/, '/selfmade');
    const [ra, rb] = await Promise.all([uplinkOnce(a.dataDir, url), uplinkOnce(b.dataDir, url)]);
    expect([ra.pushed, rb.pushed]).toEqual([a.store.count(), b.store.count()]);
    const self = await province.cluster.admin('selfmade');
    try {
      expect((await self.query('SELECT loket_schema_version() AS v')).rows[0].v).toBe(SCHEMA_VERSION);
      expect((await self.query('SELECT count(*)::integer AS n FROM loket_events')).rows[0].n).toBe(a.store.count() + b.store.count());
    } finally {
      await self.end();
    }
  });

  it('two desks of one event and one desk of another: each pushes what the server lacks, again pushes 0, and the views equal loket status', async () => {
    const a = await busyDesk(tempDir(), 6301000000100);
    const b = secondDesk(tempDir(), a);
    const copied = a.store.count();
    checkIn(b, { nib: '6301000000101' });
    registerWalkIn(b, walkIn('6371999900001', '63.72'));
    registerWalkIn(b, walkIn('6371999900002', '63.03'));
    // The same certificate handed over at both desks while apart: a conflict, resolved below for the later one.
    const disputed = `ID6311${String(6301000000100 + 5).padStart(13, '0').slice(-13)}`;
    const holder = a.view.byNibValue('6301000000101')!.id;
    await handOver(a, { participantId: holder, number: disputed, recipient: { kind: 'owner', name: 'Peserta sendiri', letterShown: false }, signature: 'M 3 3 L 7 7', photo: null });
    await handOver(b, { participantId: holder, number: disputed, recipient: { kind: 'representative', name: 'Adik', relationship: 'adik', letterShown: true }, signature: 'M 4 4 L 6 6', photo: null });
    const c = await busyDesk(tempDir(), 6301000000500, 7);
    expect(c.requireEvent().eventId).not.toBe(a.requireEvent().eventId);

    expect((await uplinkOnce(a.dataDir)).pushed).toBe(a.store.count());
    // B holds A's events too: only its own are missing there.
    const own = b.store.count() - copied;
    expect(await uplinkOnce(b.dataDir)).toMatchObject({ pushed: own, events: b.store.count(), alarms: 0 });
    expect((await uplinkOnce(c.dataDir)).pushed).toBe(c.store.count());
    expect((await Promise.all([a, b, c].map((d) => uplinkOnce(d.dataDir)))).map((r) => r.pushed)).toEqual([0, 0, 0]);

    exchange(a, b);
    const conflict = [...a.certificates.all()].find((x) => x.conflict)!;
    const later = conflict.handovers.find((h) => h.desk === b.id)!;
    resolveConflict(a, { certificateId: conflict.id, keep: later.id, reason: 'diwakilkan' });
    expect((await uplinkOnce(a.dataDir)).pushed).toBe(1);
    expect(await serverDigest(a.requireEvent().eventId)).toBe(a.store.digest());
    expect(await serverDigest(c.requireEvent().eventId)).toBe(c.store.digest());
    // Read as the uplink role itself, logged in with only the grants --print-schema prints.
    const asUplink = new pg.Client({ connectionString: province.uplinkUrl });
    await asUplink.connect();
    try {
      await expectViewsEqualStatus(a, asUplink);
      await expectViewsEqualStatus(c, asUplink);
      const grants = await asUplink.query(
        "SELECT table_name || ' ' || privilege_type AS g FROM information_schema.role_table_grants WHERE grantee = current_user ORDER BY 1",
      );
      expect(grants.rows.map((r: { g: string }) => r.g)).toEqual(['loket_attendance SELECT', 'loket_events INSERT', 'loket_events SELECT', 'loket_handovers SELECT']);
      await expect(asUplink.query('UPDATE loket_events SET operator = operator')).rejects.toThrow(/permission denied/);
      await expect(asUplink.query('DELETE FROM loket_events')).rejects.toThrow(/permission denied/);
      await expect(asUplink.query('CREATE TABLE loket_reports (n integer)')).rejects.toThrow(/permission denied/);
    } finally {
      await asUplink.end();
    }
  });

  it('an uplink killed with SIGKILL mid-push loses nothing: the re-run sends exactly the rest', async () => {
    const desk = openEventDesk(tempDir());
    importGenerated(desk, 6_000, 11);
    const eventId = desk.requireEvent().eventId;
    const total = desk.store.count();
    // Hold the first key of the second batch in an open transaction: the uplink commits one batch and waits there.
    const blocker = await province.cluster.admin('province');
    await blocker.query('BEGIN');
    await blocker.query("INSERT INTO loket_events VALUES ($1, $2, 2001, '0', 'x', 'x', '{}', $3)", [eventId, desk.id, '0'.repeat(64)]);
    const child = spawn(process.execPath, [cliPath, 'uplink', '--data', desk.dataDir, '--once', '--json'], {
      env: { ...process.env, LOKET_UPLINK_URL: province.uplinkUrl },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => child.once('exit', r));
    await eventually(async () => {
      const { rows } = await province.db.query("SELECT count(*)::integer AS n FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'loket-uplink' AND NOT l.granted");
      expect(rows[0].n).toBeGreaterThan(0);
    });
    const first = (await serverRows(eventId)).length;
    expect(first).toBe(2000);
    child.kill('SIGKILL');
    await exited;
    await blocker.query('ROLLBACK');
    await blocker.end();
    // The server ends the killed session's transaction: its batch is not there.
    await eventually(async () => expect((await province.db.query("SELECT count(*)::integer AS n FROM pg_stat_activity WHERE application_name = 'loket-uplink'")).rows[0].n).toBe(0));
    expect((await serverRows(eventId)).length).toBe(2000);

    const again = await uplinkOnce(desk.dataDir);
    expect(again).toMatchObject({ pushed: total - first, events: total, alarms: 0 });
    expect(await serverDigest(eventId)).toBe(desk.store.digest());
  });

  it('two uplinks of the same event at once store every event once', async () => {
    const a = openEventDesk(tempDir());
    importGenerated(a, 3_000, 12);
    const b = secondDesk(tempDir(), a);
    importGenerated(b, 2_000, 13);
    exchange(a, b);
    const [ra, rb] = await Promise.all([uplinkOnce(a.dataDir), uplinkOnce(b.dataDir)]);
    expect(ra.pushed + rb.pushed).toBe(a.store.count());
    expect(ra.alarms + rb.alarms).toBe(0);
    expect(await serverDigest(a.requireEvent().eventId)).toBe(a.store.digest());
  });

  it('a live uplink pushes each new event, rides out the server stopping and starting, and reconnects', async () => {
    const desk = await busyDesk(tempDir(), 6301000000700);
    const eventId = desk.requireEvent().eventId;
    const child: ChildProcess = spawn(process.execPath, [cliPath, 'uplink', '--data', desk.dataDir, '--lang', 'en'], {
      env: { ...process.env, LOKET_UPLINK_URL: province.uplinkUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    try {
      await eventually(async () => expect((await serverRows(eventId)).length).toBe(desk.store.count()));
      checkIn(desk, { nib: '6301000000701' });
      await eventually(async () => expect((await serverRows(eventId)).length).toBe(desk.store.count()));

      await province.cluster.stop();
      checkIn(desk, { nib: '6301000000703' });
      registerWalkIn(desk, walkIn('6371999900003', '63.01'));
      await eventually(() => {
        expect(JSON.parse(desk.meta('uplink_state')!).error).not.toBeNull();
        return Promise.resolve();
      });
      await province.cluster.start();
      await province.db.end();
      province.db = await province.cluster.admin('province');
      await eventually(async () => expect((await serverRows(eventId)).length).toBe(desk.store.count()), 60_000);
      expect(await serverDigest(eventId)).toBe(desk.store.digest());
      await eventually(() => {
        expect(JSON.parse(desk.meta('uplink_state')!).error).toBeNull();
        return Promise.resolve();
      });
      expect(stderr).toMatch(/retrying/);
      expect(stderr).not.toContain(province.uplinkUrl.split('@')[0]!.split(':').at(-1)!);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  it('a purge on a desk reaches the server: redacted bodies replace the personal ones under the same hashes', async () => {
    const a = await busyDesk(tempDir(), 6301000000900);
    registerWalkIn(a, walkIn('6371999900009', '63.71'));
    const aBefore = a.store.count();
    const b = secondDesk(tempDir(), a);
    const eventId = a.requireEvent().eventId;
    expect((await uplinkOnce(a.dataDir)).pushed).toBe(a.store.count());
    const personal = ['Peserta 6301000000900', '6301000000900', 'Rahmah Ansyari', 'Hj. Salmiah Baderun', '6371999900009', 'Amplang Salmiah', 'M 10 10 L 200 200'];
    const text = async () => (await province.db.query('SELECT string_agg(body::text, $2) AS t FROM loket_events WHERE event_id = $1', [eventId, '\n'])).rows[0].t as string;
    const before = await text();
    for (const v of personal) expect(before).toContain(v);
    const hashesBefore = (await serverRows(eventId)).map((r) => `${r.desk}:${r.seq}:${r.hash}`);

    // The uplink role cannot pass off another change as a redaction: this one also moves the regency.
    const target = (await serverRows(eventId)).find((r) => r.type === 'participant.imported')!;
    const forged = { ...(target.body as Record<string, unknown>), name: '', regency: '63.11', redacted: target.hash };
    await province.db.query('SET ROLE loket_uplink');
    try {
      await province.db.query(
        "INSERT INTO loket_events SELECT event_id, desk, seq, hlc, operator, type, $3::jsonb, hash FROM loket_events WHERE desk = $1 AND seq = $2 ON CONFLICT DO NOTHING",
        [target.desk, target.seq, JSON.stringify(forged)],
      );
    } finally {
      await province.db.query('RESET ROLE');
    }
    expect((await serverRows(eventId)).find((r) => r.seq === target.seq && r.desk === target.desk)!.body).toEqual(target.body);

    markExported(a);
    await purgePersonalData(a, PIN);
    const once = await uplinkOnce(a.dataDir);
    expect(once.redacted).toBeGreaterThan(0);
    expect(once.pushed).toBe(1);
    const after = await text();
    for (const v of personal) expect(after).not.toContain(v);
    const rows = await serverRows(eventId);
    expect(rows.slice(0, hashesBefore.length).map((r) => `${r.desk}:${r.seq}:${r.hash}`)).toEqual(hashesBefore);
    // Every stored body is this desk's, byte for byte once canonical: the SQL redaction is the desk's.
    const local = new Map([...a.store.all()].map((e) => [`${e.desk}:${e.seq}`, canonicalJson(e.body)]));
    for (const r of rows) expect(canonicalJson(r.body), `${r.type} ${r.seq}`).toBe(local.get(`${r.desk}:${r.seq}`));
    await expectViewsEqualStatus(a, province.db);

    // A desk that did not purge sends its originals again: duplicates under the same hash, nothing restored.
    expect((await uplinkOnce(b.dataDir)).pushed).toBe(b.store.count() - aBefore);
    for (const v of personal) expect(await text()).not.toContain(v);
  });
  it('a key the server holds with another hash is never overwritten: an integrity alarm on the desk', async () => {
    const desk = await busyDesk(tempDir(), 6301000001100, 4);
    const eventId = desk.requireEvent().eventId;
    const forged = 'f'.repeat(64);
    await province.db.query("INSERT INTO loket_events VALUES ($1, $2, 3, '000000000000000.000000', 'x', 'operator.signed_in', '{\"name\": \"x\"}', $3)", [eventId, desk.id, forged]);
    const once = await uplinkOnce(desk.dataDir);
    expect(once).toMatchObject({ pushed: desk.store.count() - 1, alarms: 1 });
    expect((await serverRows(eventId)).find((r) => r.seq === 3)?.hash).toBe(forged);
    const alarms = (await statusJson(desk.dataDir)).alarms;
    expect(alarms).toEqual([expect.objectContaining({ desk: desk.id, seq: 3, peer: `uplink:${once.server}`, count: 1 })]);
  });

  it('a row planted far ahead of a desk\'s log costs the uplink one pass over what the server holds, not a walk to its seq', async () => {
    const desk = openEventDesk(tempDir());
    importGenerated(desk, 50, 15);
    const eventId = desk.requireEvent().eventId;
    // Any role that may insert can do this, for any event: the uplink then had to count up to 2^31 − 1.
    await province.db.query('SET ROLE loket_uplink');
    try {
      await province.db.query("INSERT INTO loket_events VALUES ($1, $2, 2147483647, '0', 'x', 'x', '{}', $3)", [eventId, desk.id, '0'.repeat(64)]);
    } finally {
      await province.db.query('RESET ROLE');
    }
    expect(await uplinkOnce(desk.dataDir)).toMatchObject({ pushed: desk.store.count(), alarms: 0 });
    expect(JSON.parse(desk.meta('uplink_state')!).held[desk.id]).toBe(desk.store.count());
  });

  it('an event altered on the desk itself is never sent: its hash is recomputed first', async () => {
    const desk = openEventDesk(tempDir(), [person({ nib: '6301000001201', name: 'Peserta Asli' })]);
    // Past the tail the start-up check re-hashes, so the desk still opens.
    importGenerated(desk, 2_100, 14);
    const eventId = desk.requireEvent().eventId;
    const raw = new Database(join(desk.dataDir, 'loket.db'));
    const seq = raw.prepare("SELECT seq FROM events WHERE type = 'participant.imported' ORDER BY seq LIMIT 1").pluck().get() as number;
    raw.exec('DROP TRIGGER events_immutable');
    raw.prepare("UPDATE events SET body = replace(body, 'Peserta Asli', 'Peserta Palsu') WHERE desk = ? AND seq = ?").run(desk.id, seq);
    raw.close();
    const once = await uplinkOnce(desk.dataDir);
    expect(once).toMatchObject({ pushed: desk.store.count() - 1, alarms: 1 });
    expect((await serverRows(eventId)).some((r) => r.seq === seq)).toBe(false);
    expect((await statusJson(desk.dataDir)).alarms).toEqual([expect.objectContaining({ desk: desk.id, seq, peer: 'uplink-check' })]);
  });

  it('refuses a plain or unverified connection to a host other than this machine', async () => {
    const desk = openEventDesk(tempDir());
    for (const url of ['postgres://loket_uplink@192.0.2.10:5432/province', 'postgres://loket_uplink@db.example.invalid/province?sslmode=require']) {
      const r = await runCli(['uplink', '--data', desk.dataDir, '--once', '--lang', 'en'], { LOKET_UPLINK_URL: url });
      expect(r.code, url).toBe(1);
      expect(r.stderr).toContain('sslmode=verify-full');
    }
  });
  it('set in the settings with the organizer PIN: kept beside the database for this user only, never returned, and pushed live by the serving desk', async () => {
    const desk = await busyDesk(tempDir(), 6301000001300, 4);
    const eventId = desk.requireEvent().eventId;
    const password = new URL(province.uplinkUrl).password;
    const host = new UplinkHost(desk);
    host.start();
    try {
      expect(await dispatch(desk, 'setUplink', { url: province.uplinkUrl }, SESSION)).toMatchObject({ ok: false, error: { code: 'organizer_locked' } });
      await unlockOrganizer(desk, PIN, SESSION);
      const set = await dispatch(desk, 'setUplink', { url: province.uplinkUrl }, SESSION);
      expect(set.ok).toBe(true);
      expect(JSON.stringify(set)).not.toContain(password);
      expect(statSync(uplinkFile(desk)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(desk.dataDir, 'loket.db')).includes(password)).toBe(false);
      await eventually(async () => expect((await serverRows(eventId)).length).toBe(desk.store.count()));
      checkIn(desk, { nib: '6301000001301' });
      await eventually(async () => expect((await serverRows(eventId)).length).toBe(desk.store.count()));
      const overview = await dispatch(desk, 'uplinkOverview', {}, SESSION);
      expect(overview).toMatchObject({ ok: true, value: { server: `loket_uplink@127.0.0.1:${province.cluster.port}/province`, running: true, behind: 0, error: null } });
      expect(JSON.stringify(overview)).not.toContain(password);
    } finally {
      await host.close();
    }
  });
  it('speaks TLS under sslmode=verify-full: the certificate must chain to the given CA and name the host dialled', async () => {
    const { ca, otherCa } = await province.cluster.enableTls();
    const tls = await province.cluster.role('loket_tls');
    await province.db.query('GRANT SELECT, INSERT ON loket_events TO loket_tls');
    await province.cluster.requireTls('loket_tls');
    const desk = openEventDesk(tempDir());
    const byName = tls.url('province').replace('@127.0.0.1:', '@localhost:');
    const plain = await runCli(['uplink', '--data', desk.dataDir, '--once'], { LOKET_UPLINK_URL: byName });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/no encryption/);
    for (const [url, why] of [
      [`${byName}?sslmode=verify-full&sslrootcert=${otherCa}`, /certificate/i],
      [`${tls.url('province')}?sslmode=verify-full&sslrootcert=${ca}`, /IP: 127\.0\.0\.1 is not in the cert's list/],
    ] as const) {
      const refused = await runCli(['uplink', '--data', desk.dataDir, '--once'], { LOKET_UPLINK_URL: url });
      expect(refused.code, url.replace(/:[^:@/]+@/, ':…@')).toBe(1);
      expect(refused.stderr).toMatch(why);
    }
    expect(await uplinkOnce(desk.dataDir, `${byName}?sslmode=verify-full&sslrootcert=${ca}`)).toMatchObject({ pushed: desk.store.count(), alarms: 0 });
  });
});
