-- PostgreSQL migration 9: short free-text terms (`?q=` of one or two characters, or without
-- three letters or digits in a row, which pg_trgm makes no trigram of) answered from an index
-- of short grams instead of a walk of every seizure (`q=zz`: 308 ms on the large seed). What
-- it holds and why: `store/short_grams.rs`; SQLite keeps the same tables (its migration 13).
--
-- `seizure_gram_index`: the bound past which a gram is common (its postings dropped), and
-- whether the index is deferred (a bulk load in progress: nothing is kept until
-- `seizure_grams_rebuild()`, and reads walk as before).
CREATE TABLE seizure_gram_index (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    common_above BIGINT NOT NULL,
    deferred BOOLEAN NOT NULL
);
INSERT INTO seizure_gram_index(id, common_above, deferred) VALUES (1, 10000, false);
CREATE TABLE seizure_grams (
    gram TEXT COLLATE "C" PRIMARY KEY,
    docs BIGINT NOT NULL,
    common BOOLEAN NOT NULL
);
-- A rare gram's seizures in page order (the key is the page's key), so a page of it reads
-- about `limit` postings.
CREATE TABLE seizure_gram_postings (
    gram TEXT COLLATE "C" NOT NULL,
    at BIGINT NOT NULL,
    seizure TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (gram, at, seizure)
);

-- The distinct grams of a seizure's six searched columns, as `short_grams::seizure_grams`
-- computes them: each character and each pair of adjacent characters of each column on its
-- own, lowered under the C collation (ASCII alone, as ILIKE folds these C columns). Characters
-- come from `string_to_array(…, NULL)` (2.4× faster than `substr` over `generate_series`).
CREATE FUNCTION seizure_grams_of(a TEXT, b TEXT, c TEXT, d TEXT, e TEXT, f TEXT)
RETURNS SETOF TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT DISTINCT g FROM (
        SELECT string_to_array(lower(x COLLATE "C"), NULL) AS ch
        FROM unnest(ARRAY[a, b, c, d, e, f]) AS x
    ) AS cols,
    LATERAL (
        SELECT unnest(ch)
        UNION ALL
        SELECT p || q FROM unnest(ch[:cardinality(ch) - 1], ch[2:]) AS t(p, q)
    ) AS u(g)
$$;

-- Builds the index from every seizure and ends a deferral: the count of each gram, then the
-- postings of the rare ones. Used here, on a database's existing seizures; a bulk load builds
-- it in Rust (`postgres/short_grams.rs`, the same grams, far faster).
CREATE FUNCTION seizure_grams_rebuild() RETURNS void LANGUAGE sql AS $$
    DELETE FROM seizure_gram_postings;
    DELETE FROM seizure_grams;
    INSERT INTO seizure_grams(gram, docs, common)
    SELECT g, count(*), count(*) > (SELECT common_above FROM seizure_gram_index)
    FROM seizures s,
         LATERAL seizure_grams_of(s.id, s.summary, s.state, s.municipality, s.port, s.agency) g
    GROUP BY g;
    INSERT INTO seizure_gram_postings(gram, at, seizure)
    SELECT g, s.occurred_at, s.id
    FROM seizures s,
         LATERAL seizure_grams_of(s.id, s.summary, s.state, s.municipality, s.port, s.agency) g
    WHERE EXISTS (SELECT 1 FROM seizure_grams c WHERE c.gram = g AND NOT c.common);
    UPDATE seizure_gram_index SET deferred = false;
$$;

-- Keeps the index in step with every statement that adds seizures (create, import, COPY), once
-- per statement over the rows it added: one count update per distinct gram, postings for the
-- grams still rare, and a gram that passes the bound marked common with its postings deleted.
-- Grams are updated in order, so two writers (two nodes; writes also hold the store's write
-- lock) wait for each other rather than deadlock, and `ON CONFLICT … DO UPDATE` adds to the
-- count another writer committed.
CREATE FUNCTION seizure_grams_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT deferred FROM seizure_gram_index) THEN
        RETURN NULL;
    END IF;
    WITH g AS (
        SELECT a.occurred_at AS at, a.id AS seizure, g AS gram
        FROM added a,
             LATERAL seizure_grams_of(a.id, a.summary, a.state, a.municipality, a.port, a.agency) g
    ), bound AS (
        SELECT common_above FROM seizure_gram_index
    ), counted AS (
        INSERT INTO seizure_grams AS s (gram, docs, common)
        SELECT gram, count(*), count(*) > (SELECT common_above FROM bound)
        FROM g GROUP BY gram ORDER BY gram
        ON CONFLICT (gram) DO UPDATE
        SET docs = s.docs + excluded.docs,
            common = s.common OR s.docs + excluded.docs > (SELECT common_above FROM bound)
        RETURNING gram, common
    ), dropped AS (
        DELETE FROM seizure_gram_postings p USING counted c WHERE c.common AND p.gram = c.gram
    )
    INSERT INTO seizure_gram_postings(gram, at, seizure)
    SELECT g.gram, g.at, g.seizure FROM g JOIN counted c ON c.gram = g.gram WHERE NOT c.common
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER seizure_grams_added AFTER INSERT ON seizures
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION seizure_grams_added();

SELECT seizure_grams_rebuild();
