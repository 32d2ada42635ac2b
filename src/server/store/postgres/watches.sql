-- PostgreSQL migration 2 (SQLite's 11): watches and alerts (issue 14). A watch is owned by one
-- user; its alerts are for that user alone, and so are their `alert` events
-- (`events.user_name`). The evaluator follows the event log from `watch_cursor`.
CREATE TABLE watches (
    id TEXT COLLATE "C" PRIMARY KEY,
    seq BIGINT NOT NULL,
    owner TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    value TEXT COLLATE "C",
    filter_json TEXT,
    paused BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    since_event BIGINT NOT NULL
);
CREATE INDEX watches_owner ON watches(owner, seq);
CREATE TABLE alerts (
    id TEXT COLLATE "C" PRIMARY KEY,
    seq BIGINT NOT NULL,
    owner TEXT COLLATE "C" NOT NULL,
    watch_id TEXT COLLATE "C" NOT NULL,
    watch_name TEXT COLLATE "C" NOT NULL,
    event_id BIGINT NOT NULL,
    event_kind TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    case_id TEXT COLLATE "C",
    at BIGINT NOT NULL,
    summary TEXT COLLATE "C" NOT NULL,
    read_at BIGINT
);
CREATE INDEX alerts_owner ON alerts(owner, seq);
CREATE INDEX alerts_owner_unread ON alerts(owner, seq) WHERE read_at IS NULL;
CREATE INDEX alerts_watch ON alerts(watch_id);
CREATE TABLE watch_cursor (id BIGINT PRIMARY KEY CHECK (id = 1), event_id BIGINT NOT NULL);
INSERT INTO watch_cursor(id, event_id) SELECT 1, COALESCE(MAX(id), 0) FROM events;
ALTER TABLE events ADD COLUMN user_name TEXT COLLATE "C";
