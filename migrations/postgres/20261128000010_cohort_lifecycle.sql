-- A cohort is closed by staff once its initiatives are launched: its records are kept, read
-- only, for comparison with later cohorts.
ALTER TABLE cohorts ADD COLUMN closed_at BIGINT;
ALTER TABLE cohorts ADD COLUMN closed_by BIGINT REFERENCES users(id);

-- One reminder mail per project and due check-in: the primary key makes it once, whichever
-- instance notices it first.
CREATE TABLE check_in_reminders (
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    due_on          DATE NOT NULL,
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (candidature_id, due_on)
);
