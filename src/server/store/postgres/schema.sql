-- PostgreSQL migration 1: the schema SQLite reached at its version 10, in one step.
-- Text compares byte by byte (COLLATE "C", as SQLite's BINARY), so keyset pages and every
-- ORDER BY come out in the same order on both engines. Times are Unix seconds (BIGINT), as in
-- SQLite. The trigram index of the partial serial search is pg_trgm's GIN index on
-- firearms.serial (SQLite: an fts5 trigram table beside it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE users (
    name TEXT COLLATE "C" PRIMARY KEY,
    agency TEXT COLLATE "C" NOT NULL,
    country TEXT COLLATE "C" NOT NULL,
    role TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    disabled_at BIGINT,
    password_hash TEXT,
    totp_secret TEXT,
    must_change_password BIGINT NOT NULL DEFAULT 0,
    last_totp_step BIGINT,
    last_sign_in BIGINT,
    demo BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE api_tokens (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    user_name TEXT COLLATE "C" NOT NULL,
    label TEXT COLLATE "C" NOT NULL,
    role TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,
    revoked_at BIGINT,
    last_used BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens(user_name);

CREATE TABLE sign_in_failures (
    name TEXT COLLATE "C" PRIMARY KEY,
    failed_count BIGINT NOT NULL,
    last_failure BIGINT NOT NULL,
    locked_until BIGINT
);

CREATE TABLE sessions (
    token_hash TEXT COLLATE "C" PRIMARY KEY,
    user_name TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    idle_s BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_name);

CREATE TABLE seizures (
    id TEXT COLLATE "C" PRIMARY KEY,
    kind TEXT COLLATE "C" NOT NULL,
    status TEXT COLLATE "C" NOT NULL,
    occurred_at BIGINT NOT NULL,
    country TEXT COLLATE "C" NOT NULL,
    state TEXT COLLATE "C" NOT NULL,
    municipality TEXT COLLATE "C" NOT NULL,
    port TEXT COLLATE "C",
    agency TEXT COLLATE "C" NOT NULL,
    conveyance TEXT COLLATE "C",
    concealment TEXT COLLATE "C",
    summary TEXT COLLATE "C" NOT NULL,
    items_json TEXT NOT NULL,
    item_kinds TEXT COLLATE "C" NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX seizures_time ON seizures(occurred_at, id);
CREATE INDEX seizures_status_time ON seizures(status, occurred_at, id);
CREATE INDEX seizures_agency_time ON seizures(agency, occurred_at, id);
CREATE INDEX seizures_port_time ON seizures(port, occurred_at, id);
CREATE INDEX seizures_state_time ON seizures(state, occurred_at, id);
CREATE INDEX seizures_kind_time ON seizures(kind, occurred_at, id);
CREATE INDEX seizures_country_time ON seizures(country, occurred_at, id);

CREATE TABLE dealers (
    license TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    city TEXT COLLATE "C" NOT NULL,
    state TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL
);

CREATE TABLE persons (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    birth_year BIGINT,
    city TEXT COLLATE "C",
    state TEXT COLLATE "C"
);

CREATE TABLE firearms (
    id TEXT COLLATE "C" PRIMARY KEY,
    serial TEXT COLLATE "C" NOT NULL,
    obliterated BIGINT NOT NULL,
    make TEXT COLLATE "C" NOT NULL,
    model TEXT COLLATE "C" NOT NULL,
    type TEXT COLLATE "C" NOT NULL,
    caliber TEXT COLLATE "C" NOT NULL,
    origin_country TEXT COLLATE "C" NOT NULL,
    importer TEXT COLLATE "C",
    markings TEXT COLLATE "C",
    seizure_id TEXT COLLATE "C",
    trace_id TEXT COLLATE "C",
    recovered_at BIGINT NOT NULL,
    -- The order firearms were added (SQLite: the rowid of their trigram-index row): partial
    -- serial matches page in this order on both engines.
    seq BIGINT NOT NULL
);
CREATE UNIQUE INDEX firearms_seq ON firearms(seq);
CREATE INDEX firearms_serial ON firearms(serial);
CREATE INDEX firearms_serial_trgm ON firearms USING gin (serial gin_trgm_ops);
CREATE INDEX firearms_seizure ON firearms(seizure_id);
CREATE INDEX firearms_make_id ON firearms(make, id);
CREATE INDEX firearms_make_model_id ON firearms(make, model, id);
CREATE INDEX firearms_model_id ON firearms(model, id);
CREATE INDEX firearms_caliber_id ON firearms(caliber, id);
CREATE INDEX firearms_type_id ON firearms(type, id);

CREATE TABLE traces (
    id TEXT COLLATE "C" PRIMARY KEY,
    firearm_id TEXT COLLATE "C" NOT NULL,
    seizure_id TEXT COLLATE "C",
    status TEXT COLLATE "C" NOT NULL,
    priority TEXT COLLATE "C" NOT NULL,
    justification TEXT COLLATE "C",
    crime_code TEXT COLLATE "C" NOT NULL,
    requesting_agency TEXT COLLATE "C" NOT NULL,
    case_number TEXT COLLATE "C",
    submitted_at BIGINT NOT NULL,
    completed_at BIGINT,
    failure_reason TEXT COLLATE "C",
    chain_json TEXT NOT NULL,
    dealer_license TEXT COLLATE "C",
    purchaser_id TEXT COLLATE "C",
    purchase_date TEXT COLLATE "C",
    recovery_date TEXT COLLATE "C" NOT NULL,
    recovery_place TEXT COLLATE "C" NOT NULL,
    ttc_days BIGINT,
    requested_by TEXT COLLATE "C",
    fw_make TEXT COLLATE "C",
    fw_model TEXT COLLATE "C",
    fw_caliber TEXT COLLATE "C"
);
CREATE INDEX traces_firearm ON traces(firearm_id);
CREATE INDEX traces_seizure ON traces(seizure_id);
CREATE INDEX traces_time ON traces(submitted_at, id);
CREATE INDEX traces_status_time ON traces(status, submitted_at, id);
CREATE INDEX traces_short_ttc ON traces(submitted_at, id) WHERE ttc_days < 1095;
CREATE INDEX traces_dealer_time ON traces(dealer_license, submitted_at, id);
CREATE INDEX traces_purchaser_time ON traces(purchaser_id, submitted_at, id);
CREATE INDEX traces_make_time ON traces(fw_make, submitted_at, id);
CREATE INDEX traces_model_time ON traces(fw_model, submitted_at, id);
CREATE INDEX traces_caliber_time ON traces(fw_caliber, submitted_at, id);

CREATE TABLE multiple_sales (
    id TEXT COLLATE "C" PRIMARY KEY,
    form TEXT COLLATE "C" NOT NULL,
    purchaser_id TEXT COLLATE "C" NOT NULL,
    dealer_license TEXT COLLATE "C" NOT NULL,
    date TEXT COLLATE "C" NOT NULL,
    count BIGINT NOT NULL
);
CREATE INDEX multiple_sales_purchaser ON multiple_sales(purchaser_id);
CREATE INDEX multiple_sales_dealer ON multiple_sales(dealer_license);

CREATE TABLE casings (
    id TEXT COLLATE "C" PRIMARY KEY,
    source TEXT COLLATE "C" NOT NULL,
    incident_id TEXT COLLATE "C" NOT NULL,
    caliber_class TEXT COLLATE "C" NOT NULL,
    recovered_at BIGINT NOT NULL,
    acquired_at BIGINT NOT NULL,
    place TEXT COLLATE "C" NOT NULL,
    seizure_id TEXT COLLATE "C",
    firearm_id TEXT COLLATE "C",
    image_size BIGINT NOT NULL,
    image BYTEA NOT NULL,
    descriptor BYTEA,
    correlated_at BIGINT,
    reviewed_at BIGINT,
    reviewed_by TEXT COLLATE "C"
);
CREATE INDEX casings_caliber ON casings(caliber_class);
CREATE INDEX casings_incident ON casings(incident_id);
CREATE INDEX casings_firearm ON casings(firearm_id);
CREATE INDEX casings_seizure ON casings(seizure_id);
CREATE INDEX casings_queued ON casings(acquired_at, id) WHERE correlated_at IS NULL;
CREATE INDEX casings_unreviewed ON casings(acquired_at, id) WHERE reviewed_at IS NULL;

-- Ground truth for synthetic casings: which hidden gun fired each one. Read only by tests and
-- benchmarks, never by the correlation engine.
CREATE TABLE casing_truth (
    casing_id TEXT COLLATE "C" PRIMARY KEY,
    gun_key TEXT COLLATE "C" NOT NULL
);

CREATE TABLE candidates (
    casing_id TEXT COLLATE "C" NOT NULL,
    candidate_id TEXT COLLATE "C" NOT NULL,
    rank BIGINT NOT NULL,
    breech_face DOUBLE PRECISION NOT NULL,
    firing_pin DOUBLE PRECISION NOT NULL,
    combined DOUBLE PRECISION NOT NULL,
    rotation_deg DOUBLE PRECISION NOT NULL,
    shift_x BIGINT NOT NULL,
    shift_y BIGINT NOT NULL,
    agreeing_cells BIGINT,
    usable_cells BIGINT,
    cell_score DOUBLE PRECISION,
    false_match_rate DOUBLE PRECISION,
    PRIMARY KEY (casing_id, rank)
);

CREATE TABLE leads (
    id TEXT COLLATE "C" PRIMARY KEY,
    casing_id TEXT COLLATE "C" NOT NULL,
    candidate_id TEXT COLLATE "C" NOT NULL,
    rank BIGINT NOT NULL,
    breech_face DOUBLE PRECISION NOT NULL,
    firing_pin DOUBLE PRECISION NOT NULL,
    combined DOUBLE PRECISION NOT NULL,
    rotation_deg DOUBLE PRECISION NOT NULL,
    shift_x BIGINT NOT NULL,
    shift_y BIGINT NOT NULL,
    status TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT,
    decided_by TEXT COLLATE "C",
    comment TEXT COLLATE "C",
    caliber_class TEXT COLLATE "C" NOT NULL,
    marked_by TEXT COLLATE "C",
    mark_comment TEXT COLLATE "C"
);
CREATE INDEX leads_status ON leads(status, combined);
CREATE INDEX leads_casing ON leads(casing_id, status);
CREATE INDEX leads_candidate ON leads(candidate_id, status);
CREATE INDEX leads_pair ON leads(casing_id, candidate_id);

CREATE TABLE cases (
    id TEXT COLLATE "C" PRIMARY KEY,
    title TEXT COLLATE "C" NOT NULL,
    status TEXT COLLATE "C" NOT NULL,
    lead_agency TEXT COLLATE "C" NOT NULL,
    created_by TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    last_activity BIGINT NOT NULL
);

CREATE TABLE case_members (
    case_id TEXT COLLATE "C" NOT NULL,
    agency TEXT COLLATE "C" NOT NULL,
    country TEXT COLLATE "C" NOT NULL,
    user_name TEXT COLLATE "C"
);
CREATE UNIQUE INDEX case_members_one
    ON case_members(case_id, agency, country, (COALESCE(user_name, '')));
CREATE INDEX case_members_agency ON case_members(agency);
CREATE INDEX case_members_user ON case_members(user_name);

CREATE TABLE case_links (
    case_id TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    label TEXT COLLATE "C" NOT NULL,
    added_by TEXT COLLATE "C" NOT NULL,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, kind, entity_id)
);
CREATE INDEX case_links_entity ON case_links(entity_id);

CREATE TABLE case_prosecution (
    case_id TEXT COLLATE "C" PRIMARY KEY REFERENCES cases(id),
    stage TEXT COLLATE "C" NOT NULL,
    office TEXT COLLATE "C",
    date TEXT COLLATE "C",
    defendants BIGINT,
    updated_by TEXT COLLATE "C",
    updated_at BIGINT
);
CREATE INDEX case_prosecution_stage ON case_prosecution(stage);

CREATE TABLE notes (
    id TEXT COLLATE "C" PRIMARY KEY,
    case_id TEXT COLLATE "C" NOT NULL,
    author TEXT COLLATE "C" NOT NULL,
    author_agency TEXT COLLATE "C" NOT NULL,
    body TEXT COLLATE "C" NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL,
    -- The order notes were added (SQLite: their rowid): notes of the same second page in it.
    seq BIGINT NOT NULL
);
CREATE UNIQUE INDEX notes_seq ON notes(seq);
CREATE INDEX notes_case ON notes(case_id, created_at, seq);

CREATE TABLE note_history (
    note_id TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL,
    body TEXT COLLATE "C" NOT NULL,
    author TEXT COLLATE "C" NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (note_id, version)
);

-- The event log: ids are given under the write lock (see `PgStore::write`), so they commit
-- in order.
CREATE TABLE events (
    id BIGINT PRIMARY KEY,
    kind TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    case_id TEXT COLLATE "C",
    at BIGINT NOT NULL,
    summary TEXT COLLATE "C" NOT NULL
);

-- The audit trail, a hash chain (see `audit_chain`): ids are given under the write lock, one
-- more than the last, so they stay gapless (a sequence would skip the ids of rolled-back
-- transactions, and `fwc audit verify` reads a gap as a removed row).
CREATE TABLE audit (
    id BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    user_name TEXT COLLATE "C",
    method TEXT COLLATE "C" NOT NULL,
    path TEXT COLLATE "C" NOT NULL,
    status BIGINT NOT NULL,
    entity_id TEXT COLLATE "C",
    route TEXT COLLATE "C",
    case_id TEXT COLLATE "C",
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_entity ON audit(entity_id);
-- The highest audit id ever given (SQLite: `sqlite_sequence`).
CREATE TABLE audit_seq (last_id BIGINT NOT NULL);
INSERT INTO audit_seq VALUES (0);
CREATE INDEX audit_case ON audit(case_id);
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END;
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_seq_append_only BEFORE DELETE OR TRUNCATE ON audit_seq
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

CREATE TABLE idempotency (
    user_name TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    method TEXT COLLATE "C" NOT NULL,
    path TEXT COLLATE "C" NOT NULL,
    status BIGINT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    request_hash TEXT,
    PRIMARY KEY (user_name, key)
);

CREATE TABLE counters (name TEXT COLLATE "C" PRIMARY KEY, value BIGINT NOT NULL);
