-- A step kept until login records the network address that posted it: a few per address
-- and per hour are kept, no more.
ALTER TABLE pending_saves ADD COLUMN client TEXT NOT NULL DEFAULT '';
CREATE INDEX pending_saves_client ON pending_saves (client, created_at);
