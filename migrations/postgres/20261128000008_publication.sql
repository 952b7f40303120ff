-- Publication consent: the fields of a selected project its team agreed to show in public
-- (showcase, public page, open data). Nothing is public without a row here.
CREATE TABLE public_fields (
    candidature_id  BIGINT NOT NULL REFERENCES candidatures(id) ON DELETE CASCADE,
    field           TEXT NOT NULL,
    PRIMARY KEY (candidature_id, field)
);
