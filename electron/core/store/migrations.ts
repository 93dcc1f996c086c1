/**
 * Numbered schema migrations; `user_version` records the last one applied. Never edit a shipped
 * migration: add the next number.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the event log, the version vector and the tables derived from the log.
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

  CREATE TABLE events (
    pos INTEGER PRIMARY KEY,
    desk TEXT NOT NULL,
    seq INTEGER NOT NULL,
    hlc TEXT NOT NULL,
    operator TEXT NOT NULL,
    type TEXT NOT NULL,
    body TEXT NOT NULL,
    subject TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (desk, seq)
  ) STRICT;
  CREATE INDEX events_subject ON events (subject);
  CREATE TRIGGER events_immutable BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
  CREATE TRIGGER events_undeletable BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;

  CREATE TABLE vector (desk TEXT PRIMARY KEY, seq INTEGER NOT NULL) STRICT;

  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    nib TEXT,
    regency TEXT,
    present INTEGER NOT NULL,
    walk_in INTEGER NOT NULL,
    state TEXT NOT NULL
  ) STRICT;
  CREATE INDEX participants_nib ON participants (nib);

  CREATE TABLE subjects (subject TEXT PRIMARY KEY, state TEXT NOT NULL) STRICT;
  `,
  // 2: replication bookkeeping: the desks we have talked to (last contact, clock offset), the
  // addresses we know for them, and integrity alarms (same (desk, seq) arrived with other content).
  `
  CREATE TABLE sync_contacts (
    desk TEXT PRIMARY KEY,
    last_contact INTEGER NOT NULL,
    clock_offset_ms INTEGER NOT NULL,
    address TEXT
  ) STRICT;

  CREATE TABLE sync_peers (
    address TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    desk TEXT
  ) STRICT;

  CREATE TABLE integrity_alarms (
    desk TEXT NOT NULL,
    seq INTEGER NOT NULL,
    peer TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (desk, seq, peer)
  ) STRICT;
  `,
  // 3: the highest seq per desk any peer has said it holds, so the sync screen can show what this
  // desk still lacks (kept across restarts; a peer's vector only grows).
  `
  CREATE TABLE sync_advertised (desk TEXT PRIMARY KEY, seq INTEGER NOT NULL) STRICT;
  `,
  // 4: purging personal data (UU PDP). The log stays append-only except for one move: an event's
  // body may be replaced, once, by its redacted form (redacted 0 → 1) while every identifying
  // column, the hash included, stays as it was. Deletes stay forbidden.
  `
  ALTER TABLE events ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0;
  DROP TRIGGER events_immutable;
  CREATE TRIGGER events_immutable BEFORE UPDATE ON events
    WHEN NOT (OLD.redacted = 0 AND NEW.redacted = 1 AND NEW.pos = OLD.pos AND NEW.desk = OLD.desk
      AND NEW.seq = OLD.seq AND NEW.hlc = OLD.hlc AND NEW.operator = OLD.operator AND NEW.type = OLD.type
      AND NEW.subject = OLD.subject AND NEW.hash = OLD.hash)
    BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
  `,
  // 5: room kept in each participant's row for what the day adds to its state (a check-in, a badge
  // print): a row that keeps its length is rewritten in place, where one that outgrew its full page
  // made SQLite share the page out with its neighbours (see subject-deriver.ts).
  `
  ALTER TABLE participants ADD COLUMN room BLOB;
  `,
  // 6: no query ever looked a participant up by NIB in SQL (the desk finds NIBs in memory), yet the
  // index on it, in random order against the ID order rows are written in, made an import of
  // 100,000 rows write 665 MB instead of 368 MB.
  `
  DROP INDEX participants_nib;
  `,
];
