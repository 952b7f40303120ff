-- Personal data rights: sessions one can see and close, accounts one can delete, records
-- kept for a set time per cohort, an audit log whose entries can lose their content.

-- Sessions slide with activity: the last use and the device are shown in « Mon compte ».
ALTER TABLE sessions ADD COLUMN last_used_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '';
UPDATE sessions SET last_used_at = created_at;

-- A deleted account keeps its row (so that the records the programme must keep still point
-- somewhere) but loses its identity: see server::db::account_deletion.
ALTER TABLE users ADD COLUMN deleted_at BIGINT;

-- How long a cohort keeps what it no longer needs (domain::retention gives the bounds).
ALTER TABLE cohorts ADD COLUMN keep_drafts_months INTEGER NOT NULL DEFAULT 3;
ALTER TABLE cohorts ADD COLUMN keep_not_selected_months INTEGER NOT NULL DEFAULT 24;

-- The notice sent before a purge, once per candidature and kind, whichever instance sends it.
CREATE TABLE retention_notices (
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    purge_on        DATE NOT NULL,
    sent_at         BIGINT NOT NULL,
    PRIMARY KEY (candidature_id, kind)
);

-- What each daily run did, for staff and for the tests (one row per run and kind).
CREATE TABLE retention_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          BIGINT NOT NULL,
    instance    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    count       BIGINT NOT NULL
);

-- The audit chain runs over a digest of each entry's content: the content can be erased
-- (erased_at) while the chain and the digest remain. The digests of the entries written
-- before this migration are computed at start-up, after the old chain is verified
-- (server::db::audit::upgrade).
ALTER TABLE audit_log ADD COLUMN digest TEXT;
ALTER TABLE audit_log ADD COLUMN erased_at BIGINT;

-- Sent mails keep their subject and date; their bodies are erased after a while.
ALTER TABLE outbox ADD COLUMN bodies_erased_at BIGINT;

-- A session's public id names it in « Mon compte » (never its token's hash); idle_seconds is
-- how long it lasts without activity (SESSION_DAYS when it opened): each use slides its
-- expiry, never past the absolute cap (domain::sessions).
ALTER TABLE sessions ADD COLUMN public_id TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN idle_seconds BIGINT NOT NULL DEFAULT 1209600;
UPDATE sessions SET public_id = lower(hex(randomblob(8)));
CREATE UNIQUE INDEX sessions_public_id ON sessions(public_id);
