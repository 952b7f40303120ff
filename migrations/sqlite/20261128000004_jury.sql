-- The jury of a cohort: invitations, jurors, conflicts of interest, reviews and scores,
-- selection decisions, and the append-only audit log of scores and decisions.

-- Who scores each criterion in the cohort (jury, staff or both); a missing row means the
-- default split. A staff shortlist, when set, decides which eligible candidatures the jury sees.
CREATE TABLE cohort_criteria (
    cohort_id   BIGINT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    criterion   TEXT NOT NULL,
    scorers     TEXT NOT NULL,
    PRIMARY KEY (cohort_id, criterion)
);
ALTER TABLE cohorts ADD COLUMN staff_shortlist BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE candidatures ADD COLUMN shortlisted BOOLEAN NOT NULL DEFAULT TRUE;

-- An invitation to a cohort's jury, sent to an address; the link carries a token whose hash
-- only is stored. Accepting it makes the signed-in account a juror of the cohort.
CREATE TABLE jury_invitations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    cohort_id   BIGINT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    email       TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    invited_by  BIGINT REFERENCES users(id),
    invited_at  BIGINT NOT NULL,
    accepted_at BIGINT,
    user_id     BIGINT REFERENCES users(id),
    UNIQUE (cohort_id, email)
);

-- A juror of a cohort, once the invitation is accepted; the juror charter and the
-- declaration of conflicts are dated.
CREATE TABLE jurors (
    cohort_id           BIGINT NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
    user_id             BIGINT NOT NULL REFERENCES users(id),
    joined_at           BIGINT NOT NULL,
    charter_accepted_at BIGINT,
    conflicts_declared_at BIGINT,
    conflicts_note      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (cohort_id, user_id)
);

-- A conflict of interest between a juror and a candidature (declared by the juror or added
-- by staff): the juror is never assigned it and never sees it.
CREATE TABLE conflicts (
    user_id         BIGINT NOT NULL REFERENCES users(id),
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    declared_by     BIGINT REFERENCES users(id),
    declared_at     BIGINT NOT NULL,
    PRIMARY KEY (user_id, candidature_id)
);

-- A review of a candidature by a juror (jury track) or a staff member (staff track).
CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    reviewer_id     BIGINT NOT NULL REFERENCES users(id),
    track           TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'todo',
    overall         TEXT NOT NULL DEFAULT '',
    opinion         TEXT,
    version         BIGINT NOT NULL DEFAULT 0,
    assigned_at     BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL,
    submitted_at    BIGINT,
    UNIQUE (candidature_id, reviewer_id)
);
CREATE INDEX reviews_reviewer ON reviews(reviewer_id);

CREATE TABLE review_scores (
    review_id   BIGINT NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
    criterion   TEXT NOT NULL,
    score       INTEGER,
    comment     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, criterion)
);

-- The selection decision, with a reason per criterion (JSON) that the applicant reads.
CREATE TABLE decisions (
    candidature_id  BIGINT PRIMARY KEY REFERENCES candidatures(id) ON DELETE CASCADE,
    outcome         TEXT NOT NULL,
    reasons         TEXT NOT NULL,
    decided_by      BIGINT REFERENCES users(id),
    decided_at      BIGINT NOT NULL
);

-- Append-only: every score change and decision, each entry chained to the previous one by
-- its hash so that an edited or deleted entry is detected.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          BIGINT NOT NULL,
    actor_id    BIGINT,
    entity      TEXT NOT NULL,
    entity_id   BIGINT NOT NULL,
    action      TEXT NOT NULL,
    before_value TEXT NOT NULL,
    after_value TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE
);
