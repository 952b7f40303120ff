-- Notifications: the language and verified address of each account, single-use e-mail tokens,
-- the outbox of mails (written in the transaction of the change that causes them, sent by a
-- background worker), and the message threads of candidatures.

ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'fr';
ALTER TABLE users ADD COLUMN email_verified_at BIGINT;
-- Accounts created before verification existed keep working as verified.
UPDATE users SET email_verified_at = created_at;

-- A link sent by e-mail: 'verify' confirms the address of an account (or the new address of an
-- e-mail change), 'reset' sets a new password. Only the token's hash is stored.
CREATE TABLE email_tokens (
    token_hash  TEXT PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('verify', 'reset')),
    email       TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX email_tokens_user ON email_tokens(user_id, purpose);

-- One outgoing mail. A worker claims due pending mails (locked_until, locked_by), sends them,
-- then marks them sent, or schedules a retry, or marks them failed after the last attempt.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient       TEXT NOT NULL,
    lang            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    text_body       TEXT NOT NULL,
    html_body       TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    locked_until    BIGINT,
    locked_by       TEXT,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);

-- The thread of a candidature between staff and its applicants.
CREATE TABLE messages (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    author_id       BIGINT NOT NULL REFERENCES users(id),
    from_staff      BOOLEAN NOT NULL,
    body            TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX messages_candidature ON messages(candidature_id, id);

-- The last message each reader has seen in a thread.
CREATE TABLE message_reads (
    user_id         BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    last_read_id    BIGINT NOT NULL,
    PRIMARY KEY (user_id, candidature_id)
);
