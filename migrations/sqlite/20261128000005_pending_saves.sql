-- A step posted without JavaScript after the session expired: kept here (for a day) under a
-- random token whose hash only is stored, the token in the browser's cookie; it is saved into
-- the candidature when its holder (or a co-applicant) logs in again and comes back to it.
CREATE TABLE pending_saves (
    token_hash      TEXT PRIMARY KEY,
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    step            INTEGER NOT NULL,
    fields          TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
