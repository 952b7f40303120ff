-- Co-applicants named in a candidature, by the address they sign in with: they can read and
-- edit it (the holder alone submits and withdraws). Rewritten with each save of the content.
CREATE TABLE candidature_members (
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    email           TEXT NOT NULL,
    PRIMARY KEY (candidature_id, email)
);
CREATE INDEX candidature_members_email ON candidature_members(email);

-- The optional PDF of a candidature (one, at most 10 MB), kept in the database so that every
-- app instance behind the load balancer serves the same file.
CREATE TABLE candidature_attachments (
    candidature_id  BIGINT PRIMARY KEY REFERENCES candidatures(id) ON DELETE CASCADE,
    file_name       TEXT NOT NULL,
    size_bytes      BIGINT NOT NULL,
    content         BLOB NOT NULL,
    uploaded_at     BIGINT NOT NULL,
    uploaded_by     BIGINT REFERENCES users(id)
);
