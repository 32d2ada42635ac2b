-- PostgreSQL migration 4: free-text seizure search (`GET /v1/seizures?q=`) answered by an index.
-- `q` matches a substring of six columns (ILIKE, each column on its own); a trigram GIN index
-- over the six lets PostgreSQL OR the matches of each column in a bitmap and sort only those
-- (856 of the large seed's 298k seizures for `rifle`: 2.6 s as a scan, a few ms from the
-- index). A query of fewer than three characters has no trigram and is still a scan; where a
-- word is common the planner walks `seizures_time` newest first instead, as before.
CREATE INDEX IF NOT EXISTS seizures_text_trgm ON seizures USING gin (
    id gin_trgm_ops, summary gin_trgm_ops, state gin_trgm_ops,
    municipality gin_trgm_ops, port gin_trgm_ops, agency gin_trgm_ops
);
