-- PostgreSQL migration 11: a seizure page's trace ids from the index alone. Each page of
-- seizures lists the traces of its 100 seizures (`fill_links`); from `traces(seizure_id)` that
-- read each trace's row for its id (~1,500 rows over ~600 pages of the table for a page of the
-- large seed: 0.8 ms warm, 40 ms cold). With the id in the index the read is index-only.
CREATE INDEX traces_seizure_id ON traces(seizure_id, id);
DROP INDEX traces_seizure;
