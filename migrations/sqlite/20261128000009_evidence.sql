-- Charter evidence of a project in its programme: where its source code and open data are
-- published (each address checked, then again every day), its funding statement, its results.
CREATE TABLE evidence (
    candidature_id      BIGINT PRIMARY KEY REFERENCES candidatures(id) ON DELETE CASCADE,
    source_url          TEXT NOT NULL DEFAULT '',
    source_checked_at   BIGINT,
    source_ok           BOOLEAN NOT NULL DEFAULT FALSE,
    source_error        TEXT NOT NULL DEFAULT '',
    data_url            TEXT NOT NULL DEFAULT '',
    data_checked_at     BIGINT,
    data_ok             BOOLEAN NOT NULL DEFAULT FALSE,
    data_error          TEXT NOT NULL DEFAULT '',
    funding             TEXT NOT NULL DEFAULT '',
    results             TEXT NOT NULL DEFAULT '',
    updated_at          BIGINT NOT NULL
);
