-- PostgreSQL migration 10: a finer sample of seizure summaries for the planner's estimate of a
-- free-text term's matches, which decides how its page is read (`store/free_text.rs`: walk the
-- time index, or sort the trigram candidates). With the default sample (100) the large seed's
-- estimate for `rifle` swung between runs of ANALYZE from under to over the point where the
-- walk wins (4,636 estimated in one, 856 true): the page walked ~35,000 rows, 53–60 ms instead
-- of ~8. At 1,000 it reads 1,329, and `Tijuana` 13,499 for 6,802 (both on the right side).
-- ANALYZE then samples up to 300,000 rows: 3.3 s on the large seed, here and when autovacuum
-- analyzes the table.
ALTER TABLE seizures ALTER COLUMN summary SET STATISTICS 1000;
ANALYZE seizures;
