-- PostgreSQL migration 10: a finer sample of seizure summaries for the planner's estimate of a
-- free-text term's matches, which decides how its page is read (`store/free_text.rs`: walk the
-- time index, or sort the trigram candidates). With the default sample (100) the large seed's
-- estimate for `rifle` swung between runs of ANALYZE from under to over the point where the
-- walk wins (4,636 estimated in one, 856 true): the page walked ~35,000 rows, 53–60 ms instead
-- of ~8. At 300 three runs of ANALYZE read 660–1,279, and `Tijuana` 13,459–13,917 for 6,802
-- (both on the right side each time). 1,000 estimated no better (1,329) and cost more in every
-- plan of a free-text page (planning ~1.1 ms against ~0.5: the pattern is matched against each
-- histogram entry). ANALYZE then samples 90,000 rows (~1 s on the large seed).
ALTER TABLE seizures ALTER COLUMN summary SET STATISTICS 300;
ANALYZE seizures;
