-- PostgreSQL migration 5 (SQLite's 12): traces with a long time-to-crime
-- (`GET /v1/traces?short_ttc=false`) page from their own partial index, as the short ones do
-- from `traces_short_ttc`. Most traces have no time-to-crime (not traced yet, or not
-- traceable), so walking `traces_time` newest first for them read hundreds of rows a page.
CREATE INDEX IF NOT EXISTS traces_long_ttc ON traces(submitted_at, id) WHERE ttc_days >= 1095;
