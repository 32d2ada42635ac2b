-- 3: failed authentications per client address, counted by every node (the shared half of
-- the per-address throttle, `server::throttle`). Rows older than the window are swept by the
-- writes themselves.
CREATE TABLE auth_failures (
    addr TEXT NOT NULL,
    at_ms BIGINT NOT NULL
);
CREATE INDEX auth_failures_addr_at ON auth_failures (addr, at_ms);
CREATE INDEX auth_failures_at ON auth_failures (at_ms);
