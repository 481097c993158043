-- Resumable uploads: the bytes received so far live in a file; this row says what is expected.
CREATE TABLE uploads (
    id               TEXT    NOT NULL CONSTRAINT pk_uploads PRIMARY KEY,
    organization_id  TEXT    NOT NULL REFERENCES organizations (id),
    file_name        TEXT    NULL,
    length           INTEGER NOT NULL,
    created_by       TEXT    NULL,
    created_at       TEXT    NOT NULL,
    expires_at       TEXT    NOT NULL
);
CREATE INDEX ix_uploads_organization_id ON uploads (organization_id);
CREATE INDEX ix_uploads_expires_at ON uploads (expires_at);
