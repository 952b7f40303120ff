-- Candidatures: one record from draft to launch. The form's content is kept as JSON text
-- (a draft may be partial); the columns beside it are what lists, searches and rules need.
CREATE TABLE candidatures (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    cohort_id       BIGINT NOT NULL REFERENCES cohorts(id),
    holder_id       BIGINT NOT NULL REFERENCES users(id),
    status          TEXT NOT NULL DEFAULT 'draft',
    project_name    TEXT NOT NULL DEFAULT '',
    carrier_kind    TEXT NOT NULL DEFAULT '',
    content         TEXT NOT NULL DEFAULT '{}',
    current_step    INTEGER NOT NULL DEFAULT 1,
    -- optimistic concurrency: every save must name the version it read
    version         BIGINT NOT NULL DEFAULT 1,
    started_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    submitted_at    BIGINT,
    -- editing time, counted from autosaves (gaps longer than 5 minutes are not counted)
    active_seconds  BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX candidatures_cohort_status ON candidatures(cohort_id, status);
CREATE INDEX candidatures_holder ON candidatures(holder_id);

-- Each acceptance of a charter commitment, with its time.
CREATE TABLE candidature_commitments (
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    commitment      TEXT NOT NULL,
    accepted_at     BIGINT NOT NULL,
    PRIMARY KEY (candidature_id, commitment)
);

-- Append-only history of status changes and messages (correction requests, reasons).
CREATE TABLE candidature_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    at              BIGINT NOT NULL,
    actor_id        BIGINT REFERENCES users(id),
    from_status     TEXT NOT NULL,
    to_status       TEXT NOT NULL,
    message         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX candidature_events_candidature ON candidature_events(candidature_id, id);
