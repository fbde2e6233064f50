import type { Db } from './db';

/**
 * The schema, as an ordered list of migrations. Each runs once, in a transaction, under an
 * advisory lock so two instances starting together do not race. The same SQL runs on PGlite
 * and on PostgreSQL.
 *
 * Partitioning: every table keys on region_code first (PRIMARY KEY (region_code, …)), so the
 * tables can become `PARTITION BY LIST/RANGE (region_code)` or Citus tables distributed by
 * region_code without changing a key. Lookups by id alone use non-unique secondary indexes;
 * uniqueness of an id within a collection is enforced under the collection's counter lock.
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'replicated documents, change counters, case projection',
    sql: `
CREATE TABLE change_counters (collection text PRIMARY KEY, seq bigint NOT NULL DEFAULT 0);
INSERT INTO change_counters (collection) VALUES
  ('items'), ('regions'), ('caseEvents'), ('cases'), ('tickets'), ('ratings'), ('devices'), ('users'), ('auditLog');

CREATE TABLE docs (
  region_code text NOT NULL,
  collection text NOT NULL,
  id text NOT NULL,
  seq bigint NOT NULL,
  deleted boolean NOT NULL DEFAULT false,
  doc jsonb NOT NULL,
  site_id text,
  case_id text,
  owner_id text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, collection, id)
);
CREATE INDEX docs_pull ON docs (collection, seq);
CREATE INDEX docs_lookup ON docs (collection, id);
CREATE INDEX docs_case ON docs (collection, case_id);
CREATE INDEX docs_region ON docs (collection, region_code text_pattern_ops);

CREATE TABLE cases (
  region_code text NOT NULL,
  case_id text NOT NULL,
  seq bigint NOT NULL,
  state jsonb NOT NULL,
  departments text[] NOT NULL DEFAULT '{}',
  created_by_device text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, case_id)
);
CREATE INDEX cases_pull ON cases (seq);
CREATE INDEX cases_lookup ON cases (case_id);
CREATE INDEX cases_region ON cases (region_code text_pattern_ops);
CREATE INDEX cases_departments ON cases USING gin (departments);

-- Case events are immutable: the database itself refuses to change or delete one.
CREATE FUNCTION refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.collection = 'caseEvents' THEN
    RAISE EXCEPTION 'case events are immutable' USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER docs_events_immutable BEFORE UPDATE OR DELETE ON docs
  FOR EACH ROW EXECUTE FUNCTION refuse_event_change();
`,
  },
  {
    version: 2,
    name: 'auth, devices, blobs, audit',
    sql: `
CREATE TABLE credentials (
  user_id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  region_code text NOT NULL,
  password_hash text NOT NULL,
  failed_count int NOT NULL DEFAULT 0,
  locked_until timestamptz
);
CREATE TABLE tokens (
  token_hash text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('user', 'device')),
  principal_id text NOT NULL,
  region_code text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX tokens_principal ON tokens (principal_id);
CREATE TABLE enrollment_codes (
  code_hash text PRIMARY KEY,
  region_code text NOT NULL,
  site_id text NOT NULL,
  label text,
  created_by text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id text
);
CREATE TABLE blobs (
  sha256 text PRIMARY KEY,
  region_code text NOT NULL,
  size bigint NOT NULL,
  uploaded_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE blob_refs (
  region_code text NOT NULL,
  sha256 text NOT NULL,
  case_id text NOT NULL,
  PRIMARY KEY (region_code, sha256, case_id)
);
CREATE INDEX blob_refs_sha ON blob_refs (sha256);

-- The audit log is append-only: the database refuses UPDATE and DELETE. Entries are
-- hash-chained per writer (the server is one writer, each device or desk that records
-- offline is another); the chain catches a change made by someone who disables the trigger.
-- change_seq orders the log for replication (see storage/changes.ts).
CREATE TABLE audit_log (
  writer text NOT NULL,
  seq bigint NOT NULL,
  id text NOT NULL UNIQUE,
  change_seq bigint NOT NULL UNIQUE,
  region_code text NOT NULL,
  entry jsonb NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (writer, seq)
);
CREATE INDEX audit_log_region ON audit_log (region_code text_pattern_ops);
CREATE TABLE device_keys (device_id text PRIMARY KEY, region_code text NOT NULL, public_key text NOT NULL);
CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'P0001'; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
`,
  },
  {
    version: 3,
    name: 'documents as JSON text, blob references on their events',
    // Why json and not jsonb: the server only ever stores a document whole and hands it out
    // whole (pulls splice the stored text into the answer), and reads a field in SQL only on
    // rare paths (kiosk lookup, enrollment). jsonb costs a parse into its binary form on every
    // write and a print back to text on every read — measured on PostgreSQL 15 with 1.4 KB case
    // events: about 45 µs of the database's CPU per event written and 80–100 µs per document
    // pulled, against about 12 µs per document pulled as json. The text written is ASCII-only
    // JSON (storage/json-text.ts), which Node decodes and encodes several times faster than
    // UTF-8 with Chinese text in it.
    //
    // Blob references: one row per (case, blob) cost five rows and ten index entries per
    // submitted event. Each case event that references blobs now lists them itself, in one
    // GIN-indexed array (partial: most events reference none).
    //
    // The kiosk's card lookup (routes/kiosk-lookup.ts) finds a person's cases by ID number: a
    // column of its own with an index, instead of reading every case of the township (which
    // with json would parse each case's text).
    sql: `
ALTER TABLE docs ALTER COLUMN doc TYPE json USING doc::text::json;
ALTER TABLE cases ALTER COLUMN state TYPE json USING state::text::json;
ALTER TABLE docs ADD COLUMN blobs text[];
ALTER TABLE docs DISABLE TRIGGER docs_events_immutable;
UPDATE docs SET blobs = refs.shas
  FROM (SELECT d.region_code, d.id, ARRAY(
          SELECT m->>'sha256' FROM json_array_elements(CASE WHEN json_typeof(d.doc->'payload'->'materials') = 'array'
                                                            THEN d.doc->'payload'->'materials' ELSE '[]'::json END) AS m
           WHERE m->>'sha256' IS NOT NULL
          UNION ALL
          SELECT d.doc->'payload'->'livePhoto'->>'sha256' WHERE d.doc->'payload'->'livePhoto'->>'sha256' IS NOT NULL) AS shas
          FROM docs d WHERE d.collection = 'caseEvents') AS refs
 WHERE docs.collection = 'caseEvents' AND docs.region_code = refs.region_code AND docs.id = refs.id AND cardinality(refs.shas) > 0;
ALTER TABLE docs ENABLE TRIGGER docs_events_immutable;
DROP TABLE blob_refs;
CREATE INDEX docs_blobs ON docs USING gin (blobs) WHERE blobs IS NOT NULL;
ALTER TABLE cases ADD COLUMN applicant_id text;
UPDATE cases SET applicant_id = state->'applicant'->>'idNumber';
CREATE INDEX cases_applicant ON cases (applicant_id) WHERE applicant_id IS NOT NULL;
`,
  },
];

const MIGRATION_LOCK = 7_070_001;

/**
 * Applies the migrations that have not run yet; safe to call from several instances at once.
 * `upTo` stops after that version (tests of a migration start from the schema before it).
 */
export async function migrate(db: Db, upTo = Number.POSITIVE_INFINITY): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version) || m.version > upTo) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}
