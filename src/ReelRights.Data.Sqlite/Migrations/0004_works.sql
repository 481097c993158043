-- Registration: works, episodes, chain of title, documents, registrations; and the job queue.
CREATE TABLE works (
    id                TEXT NOT NULL CONSTRAINT pk_works PRIMARY KEY,
    organization_id   TEXT NOT NULL REFERENCES organizations (id),
    code              TEXT NOT NULL,
    title             TEXT NOT NULL,
    type              TEXT NOT NULL,
    language          TEXT NOT NULL,
    description       TEXT NULL,
    aigc_declaration  TEXT NOT NULL,
    created_by        TEXT NULL,
    created_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_works_code ON works (code);
CREATE INDEX ix_works_organization_id_created_at ON works (organization_id, created_at);

CREATE TABLE episodes (
    id                  TEXT    NOT NULL CONSTRAINT pk_episodes PRIMARY KEY,
    work_id             TEXT    NOT NULL REFERENCES works (id),
    organization_id     TEXT    NOT NULL,
    number              INTEGER NOT NULL,
    code                TEXT    NOT NULL,
    title               TEXT    NOT NULL,
    source              TEXT    NOT NULL,
    file_name           TEXT    NULL,
    media_size          INTEGER NULL,
    media_sha256        TEXT    NULL,
    media_sm3           TEXT    NULL,
    duration_seconds    REAL    NULL,
    fingerprint_sha256  TEXT    NULL,
    state               TEXT    NOT NULL,
    progress            REAL    NOT NULL,
    error               TEXT    NULL,
    aigc_findings       TEXT    NULL,
    created_at          TEXT    NOT NULL
);
CREATE UNIQUE INDEX ix_episodes_work_id_number ON episodes (work_id, number);
CREATE UNIQUE INDEX ix_episodes_code ON episodes (code);
CREATE INDEX ix_episodes_media_sha256 ON episodes (media_sha256);

CREATE TABLE work_rights (
    id          TEXT    NOT NULL CONSTRAINT pk_work_rights PRIMARY KEY,
    work_id     TEXT    NOT NULL REFERENCES works (id),
    "right"     TEXT    NOT NULL,
    holder      TEXT    NOT NULL,
    territory   TEXT    NOT NULL,
    starts_on   TEXT    NULL,
    ends_on     TEXT    NULL,
    exclusive   INTEGER NOT NULL,
    note        TEXT    NULL
);
CREATE INDEX ix_work_rights_work_id ON work_rights (work_id);

CREATE TABLE work_documents (
    id          TEXT    NOT NULL CONSTRAINT pk_work_documents PRIMARY KEY,
    work_id     TEXT    NOT NULL REFERENCES works (id),
    kind        TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT    NOT NULL,
    sm3         TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);
CREATE INDEX ix_work_documents_work_id ON work_documents (work_id);

CREATE TABLE registrations (
    id                       TEXT    NOT NULL CONSTRAINT pk_registrations PRIMARY KEY,
    work_id                  TEXT    NOT NULL REFERENCES works (id),
    organization_id          TEXT    NOT NULL,
    state                    TEXT    NOT NULL,
    episode_ids              TEXT    NOT NULL,
    conflicts                TEXT    NOT NULL,
    certificate_number       TEXT    NULL,
    leaf_index               INTEGER NULL,
    certificate_pdf_sha256   TEXT    NULL,
    submitted_by             TEXT    NULL,
    created_at               TEXT    NOT NULL,
    sealed_at                TEXT    NULL,
    decided_by               TEXT    NULL,
    decided_at               TEXT    NULL,
    decision_note            TEXT    NULL
);
CREATE INDEX ix_registrations_work_id ON registrations (work_id);
CREATE INDEX ix_registrations_state ON registrations (state);
CREATE UNIQUE INDEX ix_registrations_certificate_number ON registrations (certificate_number);
CREATE INDEX ix_registrations_certificate_pdf_sha256 ON registrations (certificate_pdf_sha256);

CREATE TABLE jobs (
    id               TEXT    NOT NULL CONSTRAINT pk_jobs PRIMARY KEY,
    kind             TEXT    NOT NULL,
    payload          TEXT    NOT NULL,
    organization_id  TEXT    NULL,
    state            TEXT    NOT NULL,
    attempts         INTEGER NOT NULL,
    max_attempts     INTEGER NOT NULL,
    run_after        TEXT    NOT NULL,
    locked_until     TEXT    NULL,
    locked_by        TEXT    NULL,
    progress         REAL    NOT NULL,
    last_error       TEXT    NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX ix_jobs_state_run_after ON jobs (state, run_after);
