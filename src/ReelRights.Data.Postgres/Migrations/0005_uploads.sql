-- Resumable uploads: the bytes received so far live in a file; this row says what is expected.
CREATE TABLE uploads (
    id               uuid        NOT NULL CONSTRAINT pk_uploads PRIMARY KEY,
    organization_id  uuid        NOT NULL REFERENCES organizations (id),
    file_name        text        NULL,
    length           bigint      NOT NULL,
    created_by       uuid        NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL
);
CREATE INDEX ix_uploads_organization_id ON uploads (organization_id);
CREATE INDEX ix_uploads_expires_at ON uploads (expires_at);
