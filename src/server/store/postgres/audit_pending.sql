-- PostgreSQL migration 8: the audit queue (see `audit_chain.rs`). A request's record is
-- inserted here without the write lock — in the write's own transaction, or in one of its own
-- for a read — and sealed into the hash chain (`audit`) in `seq` order by whichever node next
-- takes the write lock to do it. Rows are only ever inserted and then moved: never updated.
CREATE TABLE audit_pending (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    user_name TEXT COLLATE "C",
    method TEXT COLLATE "C" NOT NULL,
    route TEXT COLLATE "C",
    path TEXT COLLATE "C" NOT NULL,
    status BIGINT NOT NULL,
    entity_id TEXT COLLATE "C",
    case_id TEXT COLLATE "C"
);
CREATE TRIGGER audit_pending_no_update BEFORE UPDATE ON audit_pending
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
