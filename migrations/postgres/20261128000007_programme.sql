-- The 3-month programme of a selected project, on the candidature record itself: the charter
-- its holder signs, the supports it asks the State for, check-ins, milestones, the launch.

ALTER TABLE candidatures ADD COLUMN launched_on DATE;

-- Each of the 4 commitments, signed by the holder with their name and the date.
CREATE TABLE programme_commitments (
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    commitment      TEXT NOT NULL,
    signed_by       BIGINT NOT NULL REFERENCES users(id),
    signer_name     TEXT NOT NULL,
    signed_at       BIGINT NOT NULL,
    PRIMARY KEY (candidature_id, commitment)
);

-- A support asked of the State: requested → assigned → in progress → delivered, or declined.
CREATE TABLE support_requests (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    need            TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL DEFAULT 'requested'
                    CHECK (state IN ('requested', 'assigned', 'in_progress', 'delivered', 'declined')),
    owner           TEXT NOT NULL DEFAULT '',
    due_on          DATE,
    notes           TEXT NOT NULL DEFAULT '',
    decline_reason  TEXT NOT NULL DEFAULT '',
    requested_at    BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    UNIQUE (candidature_id, kind)
);

-- A fortnightly check-in: progress, blockers, needs.
CREATE TABLE check_ins (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    author_id       BIGINT NOT NULL REFERENCES users(id),
    progress        TEXT NOT NULL,
    blockers        TEXT NOT NULL DEFAULT '',
    needs           TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL
);
CREATE INDEX check_ins_candidature ON check_ins(candidature_id, created_at);

CREATE TABLE milestones (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    due_on          DATE NOT NULL,
    done_at         BIGINT,
    created_at      BIGINT NOT NULL
);
CREATE INDEX milestones_candidature ON milestones(candidature_id, due_on);
