-- Accounts, sessions, login throttling and cohorts. Times are UTC unix seconds.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'applicant'
                  CHECK (role IN ('applicant', 'juror', 'staff', 'admin')),
    created_at    BIGINT NOT NULL
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX login_failures_email_at ON login_failures(email, at);

CREATE TABLE cohorts (
    id                      INTEGER PRIMARY KEY AUTOINCREMENT,
    name                    TEXT NOT NULL UNIQUE,
    call_opens              DATE NOT NULL,
    call_closes             DATE NOT NULL,
    jury_starts             DATE NOT NULL,
    deliberation_starts     DATE NOT NULL,
    programme_starts        DATE NOT NULL,
    launch_on               DATE NOT NULL,
    capacity                INTEGER NOT NULL DEFAULT 10,
    jury_size               INTEGER NOT NULL DEFAULT 15,
    reviews_per_candidature INTEGER NOT NULL DEFAULT 3,
    created_at              BIGINT NOT NULL
);
