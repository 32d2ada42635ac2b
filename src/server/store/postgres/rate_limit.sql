-- 6: the per-user request rate (`fwc serve --rate-limit`), one token bucket per user that
-- every node takes from (`server::rate_limit`). Unlogged: the buckets are a few seconds of
-- state, so they write no WAL (a commit that touched only them waits for no disk) and start
-- full again after a crash or on a promoted standby.
CREATE UNLOGGED TABLE rate_buckets (
    user_name TEXT COLLATE "C" PRIMARY KEY,
    tokens DOUBLE PRECISION NOT NULL,
    at DOUBLE PRECISION NOT NULL
);

-- Takes up to `want` tokens from `who`'s bucket (refilled at `per_second` since its last
-- take, holding at most `burst`) and answers how many it took. One statement per call; the
-- row lock orders the nodes' takes, and the database's clock is the only clock.
CREATE FUNCTION rate_take(who TEXT, per_second DOUBLE PRECISION, burst DOUBLE PRECISION,
                          want INTEGER) RETURNS INTEGER LANGUAGE plpgsql AS $$
DECLARE
    now_s DOUBLE PRECISION := extract(epoch FROM clock_timestamp());
    have DOUBLE PRECISION;
    got INTEGER;
BEGIN
    INSERT INTO rate_buckets(user_name, tokens, at) VALUES (who, burst, now_s)
        ON CONFLICT (user_name) DO NOTHING;
    SELECT LEAST(burst, tokens + GREATEST(0, now_s - at) * per_second) INTO have
        FROM rate_buckets WHERE user_name = who FOR UPDATE;
    got := GREATEST(0, LEAST(want, floor(have)::INTEGER));
    UPDATE rate_buckets SET tokens = have - got, at = GREATEST(at, now_s)
        WHERE user_name = who;
    RETURN got;
END $$;
