//! Schema migrations, applied in order at start-up. `PRAGMA user_version` records how many ran.
//! Never edit a shipped migration: append a new one.

use rusqlite::{Connection, Transaction};

/// One migration: SQL, or code for what SQL alone cannot do (hashing existing rows).
enum Step {
    Sql(&'static str),
    Code(fn(&Transaction<'_>) -> rusqlite::Result<()>),
}

const MIGRATIONS: &[Step] = &[
    // 1: the initial schema.
    Step::Sql(INITIAL),
    // 2: the audit trail becomes a hash chain with the route and case of each request, and
    // append-only.
    Step::Code(super::audit_chain::migrate),
    // 3: one row per member (NULLs are distinct in a UNIQUE constraint, so an agency listed
    // twice made two rows that one removal deleted together), and users an administrator can
    // disable without deleting them (their notes and audit rows keep naming them).
    Step::Sql(
        "DELETE FROM case_members WHERE rowid NOT IN (SELECT min(rowid) FROM case_members
           GROUP BY case_id, agency, country, IFNULL(user_name, ''));
         CREATE UNIQUE INDEX case_members_one
           ON case_members(case_id, agency, country, IFNULL(user_name, ''));
         ALTER TABLE users ADD COLUMN disabled_at INTEGER;",
    ),
    // 4: the link graph (`/v1/graph`) walks from casings to guns and scenes, along confirmed
    // hits in both directions, and from dealers to their multiple-sale reports.
    Step::Sql(
        "CREATE INDEX casings_firearm ON casings(firearm_id);
         CREATE INDEX casings_seizure ON casings(seizure_id);
         CREATE INDEX leads_casing ON leads(casing_id, status);
         CREATE INDEX leads_candidate ON leads(candidate_id, status);
         CREATE INDEX multiple_sales_dealer ON multiple_sales(dealer_license);",
    ),
    // 5: prosecution stages of cases (none → referred → charged → resolved), one row per case
    // that has left `none`.
    Step::Sql(
        "CREATE TABLE case_prosecution (
            case_id TEXT PRIMARY KEY REFERENCES cases(id),
            stage TEXT NOT NULL,
            office TEXT,
            date TEXT,
            defendants INTEGER,
            updated_by TEXT,
            updated_at INTEGER
         );
         CREATE INDEX case_prosecution_stage ON case_prosecution(stage);",
    ),
    // 6: a stored idempotent answer keeps the digest of the request body that produced it, so
    // the same key sent with a different body is refused instead of answered from the store.
    Step::Sql("ALTER TABLE idempotency ADD COLUMN request_hash TEXT;"),
    // 7: sign-in (issue 12). A user's bearer token moves to `api_tokens` (scoped, expiring,
    // revocable machine tokens, of which a user may hold several); users get a password
    // (Argon2id PHC string), a TOTP secret and whether their password is temporary; sessions
    // and per-name failure counts live here so a lockout holds across restarts (and, on a
    // shared database, across nodes). Failures are kept per name whether or not the user
    // exists, so a lockout answer cannot tell the two apart.
    Step::Sql(SIGN_IN),
    // 8: correlation is queued (a casing waits with `correlated_at` NULL; earlier rows were
    // correlated at acquisition), each list is reviewed by a technician or examiner, each
    // candidate keeps its cell evidence, and a lead records who marked it and why.
    Step::Sql(
        "ALTER TABLE casings ADD COLUMN correlated_at INTEGER;
         ALTER TABLE casings ADD COLUMN reviewed_at INTEGER;
         ALTER TABLE casings ADD COLUMN reviewed_by TEXT;
         UPDATE casings SET correlated_at = acquired_at;
         CREATE INDEX casings_queued ON casings(acquired_at, id) WHERE correlated_at IS NULL;
         CREATE INDEX casings_unreviewed ON casings(acquired_at, id) WHERE reviewed_at IS NULL;
         ALTER TABLE candidates ADD COLUMN agreeing_cells INTEGER;
         ALTER TABLE candidates ADD COLUMN usable_cells INTEGER;
         ALTER TABLE candidates ADD COLUMN cell_score REAL;
         ALTER TABLE candidates ADD COLUMN false_match_rate REAL;
         ALTER TABLE leads ADD COLUMN marked_by TEXT;
         ALTER TABLE leads ADD COLUMN mark_comment TEXT;
         CREATE INDEX leads_pair ON leads(casing_id, candidate_id);",
    ),
    // 9: every list page is read in index order, never sorted whole (issue 13: on a million
    // firearms `GET /v1/traces?limit=100` sorted all 828k traces for each page, 1.0 s). Traces
    // page newest first for each filter; the firearm's make, model and calibre are copied onto
    // its traces (a firearm's make, model and calibre never change) so those filters page by a
    // trace index instead of gathering every matching firearm and sorting its traces; the short
    // time-to-crime filter has a partial index (its bound, 3 years, is `SHORT_TTC_DAYS`, and the
    // query spells the same literal so the planner can use it). Firearms page by id per filter.
    Step::Sql(LIST_INDEXES),
    // 10: seizure pages per filter in time order (an agency's or a port's newest seizures were
    // found by walking every seizure newest first until a page filled: 13–15 ms on 300k).
    Step::Sql(
        "CREATE INDEX seizures_agency_time ON seizures(agency, occurred_at, id);
         CREATE INDEX seizures_port_time ON seizures(port, occurred_at, id);
         CREATE INDEX seizures_state_time ON seizures(state, occurred_at, id);
         CREATE INDEX seizures_kind_time ON seizures(kind, occurred_at, id);
         CREATE INDEX seizures_country_time ON seizures(country, occurred_at, id);",
    ),
    // 11: watches and alerts (issue 14). A watch is owned by one user; its alerts are for that
    // user alone, and so are their `alert` events (`events.user_name`). The evaluator follows
    // the event log from `watch_cursor`, which starts at the log's end: watches never fire on
    // changes older than the feature (nor, by `since_event`, on changes older than themselves).
    Step::Sql(WATCHES),
    // 12: the last two lists that walked rows their page did not keep (see `LISTS_2`).
    Step::Sql(LISTS_2),
    // 13: short free-text terms (one or two characters) from an index of short grams, built
    // here from the seizures there are (see `store/short_grams.rs` and `grams.rs`).
    Step::Code(super::grams::migrate),
    // 14: a seizure's trace ids (`SELECT id FROM traces WHERE seizure_id = ? ORDER BY id`, 100
    // times for a page of seizures) from the index alone, in order, instead of reading each
    // trace's row and sorting (PostgreSQL's 11).
    Step::Sql(
        "CREATE INDEX traces_seizure_id ON traces(seizure_id, id);
         DROP INDEX traces_seizure;",
    ),
];

/// Migration 12. Traces with a long time-to-crime (`?short_ttc=false`) get the partial index
/// the short ones have (migration 9): most traces have no time-to-crime (not traced yet, or
/// not traceable), so walking `traces_time` for them read hundreds of rows a page (43 ms on
/// the large seed). Free-text seizure search (`?q=`, a substring of six columns) gets a
/// trigram full-text index, kept in step by triggers: the query asks it for the candidates
/// (a superset: it folds case beyond ASCII) and keeps `LIKE` for the exact answer, so the
/// answers are unchanged. A query of fewer than three characters has no trigram and scans.
const LISTS_2: &str = "
CREATE INDEX traces_long_ttc ON traces(submitted_at, id) WHERE ttc_days >= 1095;
CREATE VIRTUAL TABLE seizures_text USING fts5(
    id, summary, state, municipality, port, agency,
    content = 'seizures', content_rowid = 'rowid', tokenize = 'trigram', detail = none
);
INSERT INTO seizures_text(seizures_text) VALUES ('rebuild');
CREATE TRIGGER seizures_text_insert AFTER INSERT ON seizures BEGIN
    INSERT INTO seizures_text(rowid, id, summary, state, municipality, port, agency)
    VALUES (new.rowid, new.id, new.summary, new.state, new.municipality, new.port, new.agency);
END;
CREATE TRIGGER seizures_text_delete AFTER DELETE ON seizures BEGIN
    INSERT INTO seizures_text(seizures_text, rowid, id, summary, state, municipality, port, agency)
    VALUES ('delete', old.rowid, old.id, old.summary, old.state, old.municipality, old.port, old.agency);
END;
CREATE TRIGGER seizures_text_update
AFTER UPDATE OF id, summary, state, municipality, port, agency ON seizures BEGIN
    INSERT INTO seizures_text(seizures_text, rowid, id, summary, state, municipality, port, agency)
    VALUES ('delete', old.rowid, old.id, old.summary, old.state, old.municipality, old.port, old.agency);
    INSERT INTO seizures_text(rowid, id, summary, state, municipality, port, agency)
    VALUES (new.rowid, new.id, new.summary, new.state, new.municipality, new.port, new.agency);
END;
";

/// Migration 11 (see above).
const WATCHES: &str = "
CREATE TABLE watches (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT,
    filter_json TEXT,
    paused INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    since_event INTEGER NOT NULL
);
CREATE INDEX watches_owner ON watches(owner, seq);
CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    owner TEXT NOT NULL,
    watch_id TEXT NOT NULL,
    watch_name TEXT NOT NULL,
    event_id INTEGER NOT NULL,
    event_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    case_id TEXT,
    at INTEGER NOT NULL,
    summary TEXT NOT NULL,
    read_at INTEGER
);
CREATE INDEX alerts_owner ON alerts(owner, seq);
CREATE INDEX alerts_owner_unread ON alerts(owner, seq) WHERE read_at IS NULL;
CREATE INDEX alerts_watch ON alerts(watch_id);
CREATE TABLE watch_cursor (id INTEGER PRIMARY KEY CHECK (id = 1), event_id INTEGER NOT NULL);
INSERT INTO watch_cursor(id, event_id) SELECT 1, COALESCE(MAX(id), 0) FROM events;
ALTER TABLE events ADD COLUMN user_name TEXT;
";

/// Migration 9 (see above).
const LIST_INDEXES: &str = "
ALTER TABLE traces ADD COLUMN fw_make TEXT;
ALTER TABLE traces ADD COLUMN fw_model TEXT;
ALTER TABLE traces ADD COLUMN fw_caliber TEXT;
UPDATE traces SET (fw_make, fw_model, fw_caliber) =
    (SELECT make, model, caliber FROM firearms f WHERE f.id = traces.firearm_id);
DROP INDEX traces_status;
DROP INDEX traces_dealer;
DROP INDEX traces_purchaser;
CREATE INDEX traces_time ON traces(submitted_at, id);
CREATE INDEX traces_status_time ON traces(status, submitted_at, id);
CREATE INDEX traces_short_ttc ON traces(submitted_at, id) WHERE ttc_days < 1095;
CREATE INDEX traces_dealer_time ON traces(dealer_license, submitted_at, id);
CREATE INDEX traces_purchaser_time ON traces(purchaser_id, submitted_at, id);
CREATE INDEX traces_make_time ON traces(fw_make, submitted_at, id);
CREATE INDEX traces_model_time ON traces(fw_model, submitted_at, id);
CREATE INDEX traces_caliber_time ON traces(fw_caliber, submitted_at, id);
DROP INDEX firearms_make_model;
CREATE INDEX firearms_make_id ON firearms(make, id);
CREATE INDEX firearms_make_model_id ON firearms(make, model, id);
CREATE INDEX firearms_model_id ON firearms(model, id);
CREATE INDEX firearms_caliber_id ON firearms(caliber, id);
CREATE INDEX firearms_type_id ON firearms(type, id);
";

const SIGN_IN: &str = r#"
CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL,
    label TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER,
    revoked_at INTEGER,
    last_used INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_name);
INSERT INTO api_tokens(token_hash, user_name, label, role, created_at)
    SELECT token_hash, name, 'token', role, created_at FROM users;
CREATE TABLE users_signin (
    name TEXT PRIMARY KEY,
    agency TEXT NOT NULL,
    country TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    disabled_at INTEGER,
    password_hash TEXT,
    totp_secret TEXT,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    last_totp_step INTEGER,
    last_sign_in INTEGER,
    demo INTEGER NOT NULL DEFAULT 0
);
INSERT INTO users_signin(name, agency, country, role, created_at, disabled_at)
    SELECT name, agency, country, role, created_at, disabled_at FROM users;
DROP TABLE users;
ALTER TABLE users_signin RENAME TO users;
CREATE TABLE sign_in_failures (
    name TEXT PRIMARY KEY,
    failed_count INTEGER NOT NULL,
    last_failure INTEGER NOT NULL,
    locked_until INTEGER
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    idle_s INTEGER NOT NULL,
    last_seen INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_name);
"#;

const INITIAL: &str = r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE users (
    name TEXT PRIMARY KEY,
    agency TEXT NOT NULL,
    country TEXT NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE seizures (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    occurred_at INTEGER NOT NULL,
    country TEXT NOT NULL,
    state TEXT NOT NULL,
    municipality TEXT NOT NULL,
    port TEXT,
    agency TEXT NOT NULL,
    conveyance TEXT,
    concealment TEXT,
    summary TEXT NOT NULL,
    items_json TEXT NOT NULL,
    item_kinds TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX seizures_time ON seizures(occurred_at, id);
CREATE INDEX seizures_status_time ON seizures(status, occurred_at, id);

CREATE TABLE dealers (
    license TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    state TEXT NOT NULL,
    kind TEXT NOT NULL
);

CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    birth_year INTEGER,
    city TEXT,
    state TEXT
);

CREATE TABLE firearms (
    id TEXT PRIMARY KEY,
    serial TEXT NOT NULL,
    obliterated INTEGER NOT NULL,
    make TEXT NOT NULL,
    model TEXT NOT NULL,
    type TEXT NOT NULL,
    caliber TEXT NOT NULL,
    origin_country TEXT NOT NULL,
    importer TEXT,
    markings TEXT,
    seizure_id TEXT,
    trace_id TEXT,
    recovered_at INTEGER NOT NULL
);
CREATE INDEX firearms_serial ON firearms(serial);
CREATE INDEX firearms_seizure ON firearms(seizure_id);
CREATE INDEX firearms_make_model ON firearms(make, model);
-- Trigram index over serials: partial/wildcard search (obliterated serials) without a scan.
CREATE VIRTUAL TABLE firearm_serials USING fts5(serial, id UNINDEXED, tokenize = 'trigram case_sensitive 1', detail = none);

CREATE TABLE traces (
    id TEXT PRIMARY KEY,
    firearm_id TEXT NOT NULL,
    seizure_id TEXT,
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    justification TEXT,
    crime_code TEXT NOT NULL,
    requesting_agency TEXT NOT NULL,
    case_number TEXT,
    submitted_at INTEGER NOT NULL,
    completed_at INTEGER,
    failure_reason TEXT,
    chain_json TEXT NOT NULL,
    dealer_license TEXT,
    purchaser_id TEXT,
    purchase_date TEXT,
    recovery_date TEXT NOT NULL,
    recovery_place TEXT NOT NULL,
    ttc_days INTEGER,
    requested_by TEXT
);
CREATE INDEX traces_firearm ON traces(firearm_id);
CREATE INDEX traces_seizure ON traces(seizure_id);
CREATE INDEX traces_purchaser ON traces(purchaser_id);
CREATE INDEX traces_dealer ON traces(dealer_license);
CREATE INDEX traces_status ON traces(status, id);

CREATE TABLE multiple_sales (
    id TEXT PRIMARY KEY,
    form TEXT NOT NULL,
    purchaser_id TEXT NOT NULL,
    dealer_license TEXT NOT NULL,
    date TEXT NOT NULL,
    count INTEGER NOT NULL
);
CREATE INDEX multiple_sales_purchaser ON multiple_sales(purchaser_id);

CREATE TABLE casings (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    incident_id TEXT NOT NULL,
    caliber_class TEXT NOT NULL,
    recovered_at INTEGER NOT NULL,
    acquired_at INTEGER NOT NULL,
    place TEXT NOT NULL,
    seizure_id TEXT,
    firearm_id TEXT,
    image_size INTEGER NOT NULL,
    image BLOB NOT NULL,
    descriptor BLOB
);
CREATE INDEX casings_caliber ON casings(caliber_class);
CREATE INDEX casings_incident ON casings(incident_id);

-- Ground truth for synthetic casings: which hidden gun fired each one. Read only by tests and
-- benchmarks, never by the correlation engine.
CREATE TABLE casing_truth (
    casing_id TEXT PRIMARY KEY,
    gun_key TEXT NOT NULL
);

CREATE TABLE candidates (
    casing_id TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    breech_face REAL NOT NULL,
    firing_pin REAL NOT NULL,
    combined REAL NOT NULL,
    rotation_deg REAL NOT NULL,
    shift_x INTEGER NOT NULL,
    shift_y INTEGER NOT NULL,
    PRIMARY KEY (casing_id, rank)
);

CREATE TABLE leads (
    id TEXT PRIMARY KEY,
    casing_id TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    rank INTEGER NOT NULL,
    breech_face REAL NOT NULL,
    firing_pin REAL NOT NULL,
    combined REAL NOT NULL,
    rotation_deg REAL NOT NULL,
    shift_x INTEGER NOT NULL,
    shift_y INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by TEXT,
    comment TEXT,
    caliber_class TEXT NOT NULL
);
CREATE INDEX leads_status ON leads(status, combined);

CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    lead_agency TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_activity INTEGER NOT NULL
);

CREATE TABLE case_members (
    case_id TEXT NOT NULL,
    agency TEXT NOT NULL,
    country TEXT NOT NULL,
    user_name TEXT,
    UNIQUE (case_id, agency, user_name)
);
CREATE INDEX case_members_agency ON case_members(agency);
CREATE INDEX case_members_user ON case_members(user_name);

CREATE TABLE case_links (
    case_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    label TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, kind, entity_id)
);
CREATE INDEX case_links_entity ON case_links(entity_id);

CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    author TEXT NOT NULL,
    author_agency TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL
);
CREATE INDEX notes_case ON notes(case_id, created_at, id);

CREATE TABLE note_history (
    note_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    author TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (note_id, version)
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    case_id TEXT,
    at INTEGER NOT NULL,
    summary TEXT NOT NULL
);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    user_name TEXT,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    entity_id TEXT
);
CREATE INDEX audit_entity ON audit(entity_id);

CREATE TABLE idempotency (
    user_name TEXT NOT NULL,
    key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (user_name, key)
);

CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"#;

/// Applies every migration not yet applied, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let applied: usize =
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    for (i, step) in MIGRATIONS.iter().enumerate().skip(applied) {
        let tx = conn.transaction()?;
        match step {
            Step::Sql(sql) => tx.execute_batch(sql)?,
            Step::Code(f) => f(&tx)?,
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_trigram_search_works() {
        let mut c = Connection::open_in_memory().unwrap();
        migrate(&mut c).unwrap();
        migrate(&mut c).unwrap();
        c.execute(
            "INSERT INTO firearm_serials(serial, id) VALUES ('AB12345XY', 'FA-1')",
            [],
        )
        .unwrap();
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM firearm_serials WHERE serial GLOB '*2345*'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_seizures_trace_ids_come_from_one_index() {
        let mut c = Connection::open_in_memory().unwrap();
        migrate(&mut c).unwrap();
        let plan: String = c
            .query_row(
                "EXPLAIN QUERY PLAN SELECT id FROM traces WHERE seizure_id = 'SZ-1' ORDER BY id",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(
            plan.contains("COVERING INDEX traces_seizure_id"),
            "read from the table, or sorted: {plan}"
        );
    }
}
