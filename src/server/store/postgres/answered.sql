-- PostgreSQL migration 7: answered traces (`GET /v1/traces?status=completed` or
-- `not_traceable`) page from partial indexes. The newest traces are mostly still in progress,
-- so PostgreSQL, reckoning from the share of completed traces alone, walked `traces_time`
-- newest first and skipped ~19,000 unanswered ones for a page (35–50 ms on the large seed;
-- under 1 ms from these). The query spells the status as a literal so the planner can match
-- them. SQLite's planner takes `traces_status_time` by itself.
CREATE INDEX IF NOT EXISTS traces_completed_time ON traces(submitted_at, id) WHERE status = 'completed';
CREATE INDEX IF NOT EXISTS traces_not_traceable_time ON traces(submitted_at, id) WHERE status = 'not_traceable';
