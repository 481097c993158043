-- Registration: works, episodes, chain of title, documents, registrations; and the job queue.
CREATE TABLE works (
    id                uuid NOT NULL CONSTRAINT pk_works PRIMARY KEY,
    organization_id   uuid NOT NULL REFERENCES organizations (id),
    code              text NOT NULL,
    title             text NOT NULL,
    type              text NOT NULL,
    language          text NOT NULL,
    description       text NULL,
    aigc_declaration  text NOT NULL,
    created_by        uuid NULL,
    created_at        timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_works_code ON works (code);
CREATE INDEX ix_works_organization_id_created_at ON works (organization_id, created_at);

CREATE TABLE episodes (
    id                  uuid    NOT NULL CONSTRAINT pk_episodes PRIMARY KEY,
    work_id             uuid    NOT NULL REFERENCES works (id),
    organization_id     uuid    NOT NULL,
    number              integer NOT NULL,
    code                text    NOT NULL,
    title               text    NOT NULL,
    source              text    NOT NULL,
    file_name           text    NULL,
    media_size          bigint NULL,
    media_sha256        text    NULL,
    media_sm3           text    NULL,
    duration_seconds    double precision    NULL,
    fingerprint_sha256  text    NULL,
    state               text    NOT NULL,
    progress            double precision    NOT NULL,
    error               text    NULL,
    aigc_findings       text    NULL,
    created_at          timestamptz    NOT NULL
);
CREATE UNIQUE INDEX ix_episodes_work_id_number ON episodes (work_id, number);
CREATE UNIQUE INDEX ix_episodes_code ON episodes (code);
CREATE INDEX ix_episodes_media_sha256 ON episodes (media_sha256);

CREATE TABLE work_rights (
    id          uuid    NOT NULL CONSTRAINT pk_work_rights PRIMARY KEY,
    work_id     uuid    NOT NULL REFERENCES works (id),
    "right"     text    NOT NULL,
    holder      text    NOT NULL,
    territory   text    NOT NULL,
    starts_on   date    NULL,
    ends_on     date    NULL,
    exclusive   boolean NOT NULL,
    note        text    NULL
);
CREATE INDEX ix_work_rights_work_id ON work_rights (work_id);

CREATE TABLE work_documents (
    id          uuid    NOT NULL CONSTRAINT pk_work_documents PRIMARY KEY,
    work_id     uuid    NOT NULL REFERENCES works (id),
    kind        text    NOT NULL,
    file_name   text    NOT NULL,
    size        bigint NOT NULL,
    sha256      text    NOT NULL,
    sm3         text    NOT NULL,
    created_at  timestamptz    NOT NULL
);
CREATE INDEX ix_work_documents_work_id ON work_documents (work_id);

CREATE TABLE registrations (
    id                       uuid    NOT NULL CONSTRAINT pk_registrations PRIMARY KEY,
    work_id                  uuid    NOT NULL REFERENCES works (id),
    organization_id          uuid    NOT NULL,
    state                    text    NOT NULL,
    episode_ids              text    NOT NULL,
    conflicts                text    NOT NULL,
    certificate_number       text    NULL,
    leaf_index               bigint NULL,
    certificate_pdf_sha256   text    NULL,
    submitted_by             uuid    NULL,
    created_at               timestamptz    NOT NULL,
    sealed_at                timestamptz    NULL,
    decided_by               uuid    NULL,
    decided_at               timestamptz    NULL,
    decision_note            text    NULL
);
CREATE INDEX ix_registrations_work_id ON registrations (work_id);
CREATE INDEX ix_registrations_state ON registrations (state);
CREATE UNIQUE INDEX ix_registrations_certificate_number ON registrations (certificate_number);
CREATE INDEX ix_registrations_certificate_pdf_sha256 ON registrations (certificate_pdf_sha256);

CREATE TABLE jobs (
    id               uuid    NOT NULL CONSTRAINT pk_jobs PRIMARY KEY,
    kind             text    NOT NULL,
    payload          text    NOT NULL,
    organization_id  uuid    NULL,
    state            text    NOT NULL,
    attempts         integer NOT NULL,
    max_attempts     integer NOT NULL,
    run_after        timestamptz    NOT NULL,
    locked_until     timestamptz    NULL,
    locked_by        text    NULL,
    progress         double precision    NOT NULL,
    last_error       text    NULL,
    created_at       timestamptz    NOT NULL,
    updated_at       timestamptz    NOT NULL
);
CREATE INDEX ix_jobs_state_run_after ON jobs (state, run_after);
