-- Enforcement and mediation (维权): cases, the places they name, their sealed timeline and clocks.
CREATE TABLE enforcement_cases (
    id                           TEXT NOT NULL CONSTRAINT pk_enforcement_cases PRIMARY KEY,
    number                       TEXT NOT NULL,
    kind                         TEXT NOT NULL,
    state                        TEXT NOT NULL,
    closure                      TEXT NULL,
    title                        TEXT NOT NULL,
    claimant_organization_id     TEXT NOT NULL REFERENCES organizations (id),
    work_id                      TEXT NOT NULL REFERENCES works (id),
    platform_organization_id     TEXT NULL REFERENCES organizations (id),
    platform_name                TEXT NOT NULL,
    platform_email               TEXT NULL,
    respondent_name              TEXT NULL,
    respondent_contact           TEXT NULL,
    respondent_token_hash        BLOB NULL,
    respondent_token_expires_at  TEXT NULL,
    notice_sha256                TEXT NULL,
    mediator_organization_id     TEXT NULL REFERENCES organizations (id),
    created_at                   TEXT NOT NULL,
    updated_at                   TEXT NOT NULL,
    version                      INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_enforcement_cases_number ON enforcement_cases (number);
CREATE INDEX ix_enforcement_cases_claimant_organization_id ON enforcement_cases (claimant_organization_id);
CREATE INDEX ix_enforcement_cases_platform_organization_id ON enforcement_cases (platform_organization_id);
CREATE INDEX ix_enforcement_cases_mediator_organization_id ON enforcement_cases (mediator_organization_id);

CREATE TABLE case_locations (
    id                  TEXT NOT NULL CONSTRAINT pk_case_locations PRIMARY KEY,
    case_id             TEXT NOT NULL REFERENCES enforcement_cases (id),
    url                 TEXT NOT NULL,
    platform_item_id    TEXT NULL,
    hit_id              TEXT NULL,
    episode_id          TEXT NULL,
    evidence_bundle_id  TEXT NULL,
    segments            TEXT NOT NULL,
    copied_seconds      REAL NOT NULL,
    measure             TEXT NULL,
    measure_note        TEXT NULL,
    measure_at          TEXT NULL
);
CREATE INDEX ix_case_locations_case_id ON case_locations (case_id);

CREATE TABLE case_events (
    id                     TEXT NOT NULL CONSTRAINT pk_case_events PRIMARY KEY,
    case_id                TEXT NOT NULL REFERENCES enforcement_cases (id),
    sequence               INTEGER NOT NULL,
    action                 TEXT NULL,
    from_state             TEXT NULL,
    to_state               TEXT NOT NULL,
    actor_role             TEXT NOT NULL,
    actor_organization_id  TEXT NULL,
    actor_user_id          TEXT NULL,
    note                   TEXT NULL,
    attachments_sha256     TEXT NULL,
    at                     TEXT NOT NULL,
    ledger_index           INTEGER NULL
);
CREATE UNIQUE INDEX ix_case_events_case_id_sequence ON case_events (case_id, sequence);

CREATE TABLE case_deadlines (
    id           TEXT NOT NULL CONSTRAINT pk_case_deadlines PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES enforcement_cases (id),
    clock        TEXT NOT NULL,
    rule         TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    due_at       TEXT NOT NULL,
    remind_at    TEXT NULL,
    reminded_at  TEXT NULL,
    state        TEXT NOT NULL,
    ended_at     TEXT NULL
);
CREATE INDEX ix_case_deadlines_case_id ON case_deadlines (case_id);

CREATE TABLE platform_case_policies (
    organization_id          TEXT NOT NULL CONSTRAINT pk_platform_case_policies PRIMARY KEY REFERENCES organizations (id),
    e_commerce               INTEGER NOT NULL,
    complaint_period_amount  INTEGER NOT NULL,
    complaint_period_unit    TEXT NOT NULL,
    updated_at               TEXT NOT NULL
);
