import type { Db } from './open-database';

export interface Contact {
  desk: string;
  lastContact: number;
  clockOffsetMs: number;
  address: string | null;
}

/**
 * `differs`: the same (desk, seq) arrived with other content than this desk holds (the first stays).
 * `damaged`: an event's content no longer matches its hash, found on arrival from `peer` (and
 * refused) or, with `peer` this desk itself, in this desk's own database.
 */
export type AlarmKind = 'differs' | 'damaged';

export interface IntegrityAlarm {
  desk: string;
  seq: number;
  peer: string;
  kind: AlarmKind;
  firstSeen: number;
  count: number;
}

/** A damaged-event alarm is kept under its peer with this prefix: same table, no schema change. */
const DAMAGED_PREFIX = 'damaged:';

export type PeerSource = 'manual' | 'join' | 'learned' | 'mdns';

/**
 * Peers repeat their vector on every relay and every message is a contact; both are written at most
 * this often (each commit is an fsync, which must not sit on the path of every message).
 */
const FLUSH_MS = 10_000;

/**
 * Replication bookkeeping beside the log (migration 2). Kept in the database, not only in memory, so
 * that `loket status` in another process sees what the serving desk learned (within FLUSH_MS).
 */
export class SyncRecords {
  private readonly stmt;
  /** Highest seq per desk any peer has advertised, ahead of the table by up to FLUSH_MS. */
  private readonly advertisedSeq = new Map<string, number>();
  private unwritten = new Set<string>();
  /** Contacts noted since the last write, ahead of the table like advertisedSeq. */
  private seenContacts = new Map<string, Contact>();
  private lastWrite = 0;
  private latestNow = 0;
  /** Writes what is still unwritten once messages stop coming (a quiet link, a finished sync). */
  private flushTimer: NodeJS.Timeout | null = null;
  private readonly write: (rows: [string, number][], contacts: Contact[]) => void;

  constructor(private readonly db: Db) {
    this.stmt = {
      contact: db.prepare(
        `INSERT INTO sync_contacts (desk, last_contact, clock_offset_ms, address) VALUES (?, ?, ?, ?)
         ON CONFLICT (desk) DO UPDATE SET last_contact = excluded.last_contact, clock_offset_ms = excluded.clock_offset_ms,
           address = coalesce(excluded.address, address)`,
      ),
      contacts: db.prepare('SELECT desk, last_contact AS lastContact, clock_offset_ms AS clockOffsetMs, address FROM sync_contacts'),
      alarm: db.prepare(
        `INSERT INTO integrity_alarms (desk, seq, peer, first_seen, count) VALUES (?, ?, ?, ?, 1)
         ON CONFLICT (desk, seq, peer) DO UPDATE SET count = count + 1`,
      ),
      alarms: db.prepare('SELECT desk, seq, peer, first_seen AS firstSeen, count FROM integrity_alarms ORDER BY first_seen, desk, seq'),
      addPeer: db.prepare('INSERT INTO sync_peers (address, source) VALUES (?, ?) ON CONFLICT (address) DO NOTHING'),
      peerDesk: db.prepare('UPDATE sync_peers SET desk = ? WHERE address = ?'),
      peers: db.prepare('SELECT address, source, desk FROM sync_peers ORDER BY address'),
      advertise: db.prepare('INSERT INTO sync_advertised (desk, seq) VALUES (?, ?) ON CONFLICT (desk) DO UPDATE SET seq = max(seq, excluded.seq)'),
      advertised: db.prepare('SELECT desk, seq FROM sync_advertised'),
    };
    this.write = db.transaction((rows: [string, number][], contacts: Contact[]) => {
      for (const [desk, seq] of rows) this.stmt.advertise.run(desk, seq);
      for (const c of contacts) this.touch(c);
    });
  }

  /** A peer said it holds these (its hello, ack or vector message). */
  advertise(vector: Readonly<Record<string, number>>, now: number): void {
    for (const [desk, seq] of Object.entries(vector)) {
      if (seq <= (this.advertisedSeq.get(desk) ?? 0)) continue;
      this.advertisedSeq.set(desk, seq);
      this.unwritten.add(desk);
    }
    this.flushSoon(now);
  }

  /** A message from a peer: noted now, written with the next flush. */
  seen(contact: Contact): void {
    const earlier = this.seenContacts.get(contact.desk);
    this.seenContacts.set(contact.desk, { ...contact, address: contact.address ?? earlier?.address ?? null });
    this.flushSoon(contact.lastContact);
  }

  private flushSoon(now: number): void {
    this.latestNow = Math.max(this.latestNow, now);
    if (now - this.lastWrite >= FLUSH_MS) return this.flushAdvertised(now);
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      if (this.db.open) this.flushAdvertised(this.latestNow);
    }, FLUSH_MS).unref();
  }

  /** Write what peers advertised and the contacts noted since the last write (also when a link or the desk closes). */
  flushAdvertised(now: number): void {
    if (this.unwritten.size === 0 && this.seenContacts.size === 0) return;
    this.lastWrite = now;
    this.write(
      [...this.unwritten].map((d) => [d, this.advertisedSeq.get(d)!]),
      [...this.seenContacts.values()],
    );
    this.unwritten = new Set();
    this.seenContacts = new Map();
  }

  /** Per desk, the most any peer has said it holds: what this process heard plus what the table kept. */
  advertised(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const row of this.stmt.advertised.all() as { desk: string; seq: number }[]) out[row.desk] = row.seq;
    for (const [desk, seq] of this.advertisedSeq) out[desk] = Math.max(out[desk] ?? 0, seq);
    return out;
  }

  touch(contact: Contact): void {
    this.stmt.contact.run(contact.desk, contact.lastContact, contact.clockOffsetMs, contact.address);
  }

  /** Every desk we have talked to, with what this process noted and has not written yet. */
  contacts(): Contact[] {
    const out = new Map((this.stmt.contacts.all() as Contact[]).map((c) => [c.desk, c]));
    for (const c of this.seenContacts.values()) out.set(c.desk, { ...c, address: c.address ?? out.get(c.desk)?.address ?? null });
    return [...out.values()];
  }

  alarm(desk: string, seq: number, peer: string, at: number, kind: AlarmKind = 'differs'): void {
    this.stmt.alarm.run(desk, seq, kind === 'damaged' ? `${DAMAGED_PREFIX}${peer}` : peer, at);
  }

  alarms(): IntegrityAlarm[] {
    return (this.stmt.alarms.all() as Omit<IntegrityAlarm, 'kind'>[]).map((a) =>
      a.peer.startsWith(DAMAGED_PREFIX) ? { ...a, peer: a.peer.slice(DAMAGED_PREFIX.length), kind: 'damaged' } : { ...a, kind: 'differs' },
    );
  }

  addPeer(address: string, source: PeerSource): void {
    this.stmt.addPeer.run(address, source);
  }

  setPeerDesk(address: string, desk: string): void {
    this.stmt.peerDesk.run(desk, address);
  }

  peers(): { address: string; source: PeerSource; desk: string | null }[] {
    return this.stmt.peers.all() as { address: string; source: PeerSource; desk: string | null }[];
  }
}
