/**
 * The province server's schema, as numbered migrations like the desk's own: `loket_schema_version()`
 * returns the last one applied. Never edit a shipped migration: add the next number. Every name is
 * unqualified, so the schema lands in the connection's current schema (the role's search_path).
 *
 * The fold of shared/fold.ts and shared/fold-certificate.ts, written again in SQL for the views:
 * canonical order is (hlc, desk, seq) compared as bytes (COLLATE "C", as JavaScript compares these
 * ASCII strings); a participant exists once imported or registered, and its regency is the creating
 * write's unless a later write set it; it is present while a check-in stands unvoided; a certificate's
 * first standing handover (not voided, not dropped by a resolution) says in person or by representative.
 */
export const UPLINK_MIGRATIONS: readonly string[] = [
  // 1: the log of every desk of every event, its guards, and the views across events.
  `
-- Keys and clocks compare as bytes, as on the desks, whatever the database's locale (and faster).
CREATE TABLE loket_events (
  event_id text COLLATE "C" NOT NULL,
  desk text COLLATE "C" NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  hlc text COLLATE "C" NOT NULL,
  operator text NOT NULL,
  type text NOT NULL,
  body jsonb NOT NULL,
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (event_id, desk, seq)
);

-- What a purge leaves of an event body (electron/core/store/redaction.ts): the same fields blanked,
-- the original's hash named in "redacted". NULL for a body that holds no personal data.
CREATE FUNCTION loket_redaction(type text, body jsonb, hash text) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN body ? 'redacted' THEN NULL
    WHEN type IN ('participant.imported', 'participant.registered', 'participant.edited') THEN
      body
      || (SELECT coalesce(jsonb_object_agg(k, to_jsonb(''::text)), '{}') FROM unnest(ARRAY['name', 'business', 'district', 'address', 'productName']) AS k WHERE body ? k)
      || (SELECT coalesce(jsonb_object_agg(k, 'null'::jsonb), '{}') FROM unnest(ARRAY['nib', 'phone', 'nik']) AS k WHERE body ? k)
      || jsonb_build_object('redacted', hash)
    WHEN type = 'certificate.handed_over' THEN
      body || jsonb_build_object(
        'recipient', (body -> 'recipient') || '{"name": "", "relationship": null, "idNumberMasked": null}'::jsonb,
        'signature', NULL, 'photo', NULL, 'redacted', hash)
  END
$$;

-- Append-only, as on the desks: the one change allowed is a stored body replaced by its redaction.
CREATE FUNCTION loket_events_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.event_id, NEW.desk, NEW.seq, NEW.hlc, NEW.operator, NEW.type, NEW.hash)
      IS NOT DISTINCT FROM (OLD.event_id, OLD.desk, OLD.seq, OLD.hlc, OLD.operator, OLD.type, OLD.hash)
    AND NEW.body = loket_redaction(OLD.type, OLD.body, OLD.hash) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'loket_events is append-only (event %:%)', OLD.desk, OLD.seq;
END
$$;
CREATE TRIGGER loket_events_append_only BEFORE UPDATE OR DELETE ON loket_events
  FOR EACH ROW EXECUTE FUNCTION loket_events_guard();

-- A redacted body sent for a stored original replaces it, under the same hash, with the rights of
-- this function's owner: the uplink role itself only inserts. Anything else that collides with a
-- stored row is left to ON CONFLICT and reported by the desk as an integrity alarm.
CREATE FUNCTION loket_accept_redaction() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
  stored loket_events;
BEGIN
  IF NEW.body ->> 'redacted' IS DISTINCT FROM NEW.hash THEN
    RAISE EXCEPTION 'a redacted body must name the hash it is stored under (event %:%)', NEW.desk, NEW.seq;
  END IF;
  SELECT * INTO stored FROM loket_events WHERE event_id = NEW.event_id AND desk = NEW.desk AND seq = NEW.seq FOR UPDATE;
  IF FOUND AND stored.hash = NEW.hash AND NOT stored.body ? 'redacted'
    AND NEW.body = loket_redaction(stored.type, stored.body, stored.hash) THEN
    UPDATE loket_events SET body = NEW.body WHERE event_id = NEW.event_id AND desk = NEW.desk AND seq = NEW.seq;
  END IF;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION loket_accept_redaction() FROM PUBLIC;
CREATE TRIGGER loket_events_redaction BEFORE INSERT ON loket_events
  FOR EACH ROW WHEN (NEW.type IN ('participant.imported', 'participant.registered', 'participant.edited', 'certificate.handed_over')
    AND NEW.body ? 'redacted') EXECUTE FUNCTION loket_accept_redaction();

-- One row per participant of every event: no personal field, only what the counts need. Written so
-- that a query for one event (WHERE event_id = ...) reads only that event's rows, through the key.
CREATE VIEW loket_participants AS
SELECT s.event_id, s.participant, s.regency_code, s.walk_in, p.participant IS NOT NULL AS present
FROM (
  SELECT w.event_id, w.participant,
    coalesce(
      (array_agg(w.regency ORDER BY w.hlc COLLATE "C" DESC, w.desk COLLATE "C" DESC, w.seq DESC) FILTER (WHERE w.rank > 1 AND w.sets_regency))[1],
      (array_agg(w.regency) FILTER (WHERE w.rank = 1))[1]
    ) #>> '{}' AS regency_code,
    bool_or(w.type = 'participant.registered') AS walk_in
  FROM (
    SELECT event_id, body ->> 'id' AS participant, desk, seq, hlc, type, body -> 'regency' AS regency, body ? 'regency' AS sets_regency,
      row_number() OVER (PARTITION BY event_id, body ->> 'id'
        ORDER BY type = 'participant.edited', hlc COLLATE "C", desk COLLATE "C", seq) AS rank
    FROM loket_events
    WHERE type IN ('participant.imported', 'participant.registered', 'participant.edited')
  ) AS w
  GROUP BY w.event_id, w.participant
  HAVING bool_or(w.rank = 1 AND w.type <> 'participant.edited')
) AS s
LEFT JOIN (
  SELECT DISTINCT c.event_id, c.body ->> 'participant' AS participant
  FROM loket_events c
  WHERE c.type = 'checkin.recorded' AND NOT EXISTS (
    SELECT 1 FROM loket_events v, jsonb_array_elements_text(v.body -> 'checkins') AS x(id)
    WHERE v.event_id = c.event_id AND v.type = 'checkin.voided' AND v.body ->> 'participant' = c.body ->> 'participant'
      AND x.id = c.desk || ':' || c.seq)
) AS p ON p.event_id = s.event_id AND p.participant = s.participant;

-- Each event's setup as its latest event.configured says (its PIN hash left out).
CREATE VIEW loket_event_setup AS
SELECT DISTINCT ON (event_id) event_id, body ->> 'name' AS name, (body ->> 'date')::date AS date, body -> 'regencies' AS regencies
FROM loket_events WHERE type = 'event.configured'
ORDER BY event_id, hlc COLLATE "C" DESC, desk COLLATE "C" DESC, seq DESC;

-- Per event and regency, as \`loket status --json\` has it: every regency of the event's setup, and
-- every other one a participant names; participants without a regency in a row of their own (NULL).
CREATE VIEW loket_attendance AS
SELECT e.event_id, e.name AS event_name, e.date AS event_date, a.regency_code,
  CASE WHEN a.regency_code IS NOT NULL THEN coalesce(n.name, a.regency_code) END AS regency_name,
  a.participants, a.checked_in, a.walk_ins
FROM loket_event_setup e
JOIN (
  SELECT x.event_id, x.regency_code, count(x.participant)::integer AS participants,
    (count(*) FILTER (WHERE x.present))::integer AS checked_in, (count(*) FILTER (WHERE x.walk_in))::integer AS walk_ins
  FROM (
    SELECT t.event_id, r ->> 'code' AS regency_code, NULL::text AS participant, false AS present, false AS walk_in
    FROM loket_event_setup t, jsonb_array_elements(t.regencies) AS r
    UNION ALL
    SELECT event_id, regency_code, participant, present, walk_in FROM loket_participants
  ) AS x
  GROUP BY x.event_id, x.regency_code
) AS a ON a.event_id = e.event_id
LEFT JOIN (VALUES
  ('63.01', 'Kabupaten Tanah Laut'), ('63.02', 'Kabupaten Kotabaru'), ('63.03', 'Kabupaten Banjar'),
  ('63.04', 'Kabupaten Barito Kuala'), ('63.05', 'Kabupaten Tapin'), ('63.06', 'Kabupaten Hulu Sungai Selatan'),
  ('63.07', 'Kabupaten Hulu Sungai Tengah'), ('63.08', 'Kabupaten Hulu Sungai Utara'), ('63.09', 'Kabupaten Tabalong'),
  ('63.10', 'Kabupaten Tanah Bumbu'), ('63.11', 'Kabupaten Balangan'), ('63.71', 'Kota Banjarmasin'), ('63.72', 'Kota Banjarbaru')
) AS n (code, name) ON n.code = a.regency_code;

-- Per event and regency of the holder (NULL: none known), as the dashboard's certificate figures.
CREATE VIEW loket_handovers AS
SELECT l.event_id, p.regency_code,
  count(*)::integer AS certificates,
  (count(*) FILTER (WHERE f.kind = 'owner'))::integer AS in_person,
  (count(*) FILTER (WHERE f.kind <> 'owner'))::integer AS by_representative,
  (count(*) FILTER (WHERE f.kind IS NULL AND l.status <> 'belum_terbit'))::integer AS remaining,
  (count(*) FILTER (WHERE f.kind IS NULL AND l.status = 'belum_terbit'))::integer AS not_issued
FROM (
  SELECT DISTINCT ON (event_id, body ->> 'id') event_id, body ->> 'id' AS certificate, body ->> 'participant' AS participant, body ->> 'status' AS status
  FROM loket_events WHERE type = 'certificate.added'
  ORDER BY event_id, body ->> 'id', hlc COLLATE "C" DESC, desk COLLATE "C" DESC, seq DESC
) AS l
LEFT JOIN (
  SELECT DISTINCT ON (h.event_id, h.body ->> 'certificate') h.event_id, h.body ->> 'certificate' AS certificate, h.body -> 'recipient' ->> 'kind' AS kind
  FROM loket_events h
  WHERE h.type = 'certificate.handed_over' AND NOT EXISTS (
    SELECT 1 FROM loket_events r, jsonb_array_elements_text(CASE WHEN r.type = 'certificate.handover_voided' THEN r.body -> 'handovers' ELSE r.body -> 'drop' END) AS x(id)
    WHERE r.event_id = h.event_id AND r.type IN ('certificate.handover_voided', 'conflict.resolved') AND r.body ->> 'certificate' = h.body ->> 'certificate'
      AND x.id = h.desk || ':' || h.seq AND (r.type = 'certificate.handover_voided' OR x.id <> r.body ->> 'keep'))
  ORDER BY h.event_id, h.body ->> 'certificate', h.hlc COLLATE "C", h.desk COLLATE "C", h.seq
) AS f ON f.event_id = l.event_id AND f.certificate = l.certificate
LEFT JOIN loket_participants p ON p.event_id = l.event_id AND p.participant = l.participant
GROUP BY l.event_id, p.regency_code;
`,
  // 2: the redaction trigger, which runs with its owner's rights, reads only this schema's objects.
  // Unless pg_temp is named last in its search_path, PostgreSQL looks in the inserting session's
  // temporary schema first: the uplink role (PUBLIC may create temporary tables) could shadow
  // loket_events with a table of its own whose trigger then ran as the owner.
  `
DO $$
BEGIN
  EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', 'loket_accept_redaction()'::regprocedure,
    (SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = 'loket_events'::regclass));
END
$$;
`,
  // 3: loket_handovers with exactly the columns of issue 17. Its not_issued was the one figure the
  // other four already give (certificates − in_person − by_representative − remaining). A view
  // cannot lose a column in place: it is dropped and made again, with the grants it had.
  `
DO $$
DECLARE
  kept_acl aclitem[] := (SELECT relacl FROM pg_class WHERE oid = 'loket_handovers'::regclass);
  old_owner oid := (SELECT relowner FROM pg_class WHERE oid = 'loket_handovers'::regclass);
  kept record;
BEGIN
  DROP VIEW loket_handovers;
  CREATE VIEW loket_handovers AS
  SELECT l.event_id, p.regency_code,
    count(*)::integer AS certificates,
    (count(*) FILTER (WHERE f.kind = 'owner'))::integer AS in_person,
    (count(*) FILTER (WHERE f.kind <> 'owner'))::integer AS by_representative,
    (count(*) FILTER (WHERE f.kind IS NULL AND l.status <> 'belum_terbit'))::integer AS remaining
  FROM (
    SELECT DISTINCT ON (event_id, body ->> 'id') event_id, body ->> 'id' AS certificate, body ->> 'participant' AS participant, body ->> 'status' AS status
    FROM loket_events WHERE type = 'certificate.added'
    ORDER BY event_id, body ->> 'id', hlc COLLATE "C" DESC, desk COLLATE "C" DESC, seq DESC
  ) AS l
  LEFT JOIN (
    SELECT DISTINCT ON (h.event_id, h.body ->> 'certificate') h.event_id, h.body ->> 'certificate' AS certificate, h.body -> 'recipient' ->> 'kind' AS kind
    FROM loket_events h
    WHERE h.type = 'certificate.handed_over' AND NOT EXISTS (
      SELECT 1 FROM loket_events r, jsonb_array_elements_text(CASE WHEN r.type = 'certificate.handover_voided' THEN r.body -> 'handovers' ELSE r.body -> 'drop' END) AS x(id)
      WHERE r.event_id = h.event_id AND r.type IN ('certificate.handover_voided', 'conflict.resolved') AND r.body ->> 'certificate' = h.body ->> 'certificate'
        AND x.id = h.desk || ':' || h.seq AND (r.type = 'certificate.handover_voided' OR x.id <> r.body ->> 'keep'))
    ORDER BY h.event_id, h.body ->> 'certificate', h.hlc COLLATE "C", h.desk COLLATE "C", h.seq
  ) AS f ON f.event_id = l.event_id AND f.certificate = l.certificate
  LEFT JOIN loket_participants p ON p.event_id = l.event_id AND p.participant = l.participant
  GROUP BY l.event_id, p.regency_code;
  FOR kept IN SELECT a.grantee, a.privilege_type, a.is_grantable FROM aclexplode(kept_acl) AS a WHERE a.grantee <> old_owner LOOP
    EXECUTE format('GRANT %s ON loket_handovers TO %s%s', kept.privilege_type,
      CASE WHEN kept.grantee = 0 THEN 'PUBLIC' ELSE kept.grantee::regrole::text END,
      CASE WHEN kept.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
  END LOOP;
END
$$;
`,
];

/** Each migration ends by saying its number; the uplink reads it without any grant (functions are PUBLIC). */
function versionFunction(version: number): string {
  return `CREATE OR REPLACE FUNCTION loket_schema_version() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT ${version}';\n`;
}

/** Migration `version` (1-based) as run: its SQL, then the version it leaves. */
export function migrationSql(version: number): string {
  return `${UPLINK_MIGRATIONS[version - 1]!.trim()}\n\n${versionFunction(version)}`;
}

export const SCHEMA_VERSION = UPLINK_MIGRATIONS.length;

/** `loket uplink --print-schema`: the whole schema for a DBA to apply by hand, then the grants to give. */
export function printableSchema(): string {
  const parts = UPLINK_MIGRATIONS.map((_, i) => `-- Loket uplink migration ${i + 1}\n${migrationSql(i + 1)}`);
  return [
    '-- Loket province uplink: schema for PostgreSQL 12 or newer (see docs/uplink.md).',
    '-- Apply as the role that will own it (e.g. loket_owner), in the schema the uplink role will use.',
    'BEGIN;',
    ...parts,
    'COMMIT;',
    '',
    '-- Then the least privilege for the role the desks log in as (replace loket_uplink):',
    '--   GRANT USAGE ON SCHEMA public TO loket_uplink;',
    '--   GRANT SELECT, INSERT ON loket_events TO loket_uplink;',
    '--   GRANT SELECT ON loket_attendance, loket_handovers TO loket_uplink;',
    '',
  ].join('\n');
}
