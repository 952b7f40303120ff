-- State sign-in (FranceConnect for citizens, ProConnect for State agents).
-- An account signed up through FranceConnect has no password: its password_hash is ''.

-- The identities a provider vouched for, each tied to one account.
CREATE TABLE identities (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    provider     TEXT NOT NULL CHECK (provider IN ('franceconnect', 'proconnect')),
    subject      TEXT NOT NULL,
    given_name   TEXT NOT NULL,
    family_name  TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    UNIQUE (provider, subject),
    UNIQUE (user_id, provider)
);

-- A sign-in sent to a provider and not yet back: the state (hashed) binds the answer to it.
CREATE TABLE sign_in_requests (
    state_hash  TEXT PRIMARY KEY,
    provider    TEXT NOT NULL,
    nonce       TEXT NOT NULL,
    retour      TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
);

-- An identity whose address is an existing password account's, waiting for its owner to
-- confirm the link with that account's password.
CREATE TABLE pending_links (
    token_hash   TEXT PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    provider     TEXT NOT NULL,
    subject      TEXT NOT NULL,
    given_name   TEXT NOT NULL,
    family_name  TEXT NOT NULL,
    id_token     TEXT NOT NULL,
    retour       TEXT NOT NULL,
    expires_at   BIGINT NOT NULL
);

-- A session opened through a provider keeps its ID token, to end the provider's session too.
ALTER TABLE sessions ADD COLUMN provider TEXT;
ALTER TABLE sessions ADD COLUMN id_token TEXT;
