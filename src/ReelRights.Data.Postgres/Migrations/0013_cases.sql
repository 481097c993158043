-- Enforcement and mediation (维权): cases, the places they name, their sealed timeline and clocks.
CREATE TABLE enforcement_cases (
    id                           uuid NOT NULL CONSTRAINT pk_enforcement_cases PRIMARY KEY,
    number                       text NOT NULL,
    kind                         text NOT NULL,
    state                        text NOT NULL,
    closure                      text NULL,
    title                        text NOT NULL,
    claimant_organization_id     uuid NOT NULL REFERENCES organizations (id),
    work_id                      uuid NOT NULL REFERENCES works (id),
    platform_organization_id     uuid NULL REFERENCES organizations (id),
    platform_name                text NOT NULL,
    platform_email               text NULL,
    respondent_name              text NULL,
    respondent_contact           text NULL,
    respondent_token_hash        bytea NULL,
    respondent_token_expires_at  timestamptz NULL,
    notice_sha256                text NULL,
    mediator_organization_id     uuid NULL REFERENCES organizations (id),
    created_at                   timestamptz NOT NULL,
    updated_at                   timestamptz NOT NULL,
    version                      integer NOT NULL
);
CREATE UNIQUE INDEX ix_enforcement_cases_number ON enforcement_cases (number);
CREATE INDEX ix_enforcement_cases_claimant_organization_id ON enforcement_cases (claimant_organization_id);
CREATE INDEX ix_enforcement_cases_platform_organization_id ON enforcement_cases (platform_organization_id);
CREATE INDEX ix_enforcement_cases_mediator_organization_id ON enforcement_cases (mediator_organization_id);

CREATE TABLE case_locations (
    id                  uuid NOT NULL CONSTRAINT pk_case_locations PRIMARY KEY,
    case_id             uuid NOT NULL REFERENCES enforcement_cases (id),
    url                 text NOT NULL,
    platform_item_id    text NULL,
    hit_id              uuid NULL,
    episode_id          uuid NULL,
    evidence_bundle_id  uuid NULL,
    segments            text NOT NULL,
    copied_seconds      double precision NOT NULL,
    measure             text NULL,
    measure_note        text NULL,
    measure_at          timestamptz NULL
);
CREATE INDEX ix_case_locations_case_id ON case_locations (case_id);

CREATE TABLE case_events (
    id                     uuid NOT NULL CONSTRAINT pk_case_events PRIMARY KEY,
    case_id                uuid NOT NULL REFERENCES enforcement_cases (id),
    sequence               integer NOT NULL,
    action                 text NULL,
    from_state             text NULL,
    to_state               text NOT NULL,
    actor_role             text NOT NULL,
    actor_organization_id  uuid NULL,
    actor_user_id          uuid NULL,
    note                   text NULL,
    attachments_sha256     text NULL,
    at                     timestamptz NOT NULL,
    ledger_index           bigint NULL
);
CREATE UNIQUE INDEX ix_case_events_case_id_sequence ON case_events (case_id, sequence);

CREATE TABLE case_deadlines (
    id           uuid NOT NULL CONSTRAINT pk_case_deadlines PRIMARY KEY,
    case_id      uuid NOT NULL REFERENCES enforcement_cases (id),
    clock        text NOT NULL,
    rule         text NOT NULL,
    started_at   timestamptz NOT NULL,
    due_at       timestamptz NOT NULL,
    remind_at    timestamptz NULL,
    reminded_at  timestamptz NULL,
    state        text NOT NULL,
    ended_at     timestamptz NULL
);
CREATE INDEX ix_case_deadlines_case_id ON case_deadlines (case_id);

CREATE TABLE platform_case_policies (
    organization_id          uuid NOT NULL CONSTRAINT pk_platform_case_policies PRIMARY KEY REFERENCES organizations (id),
    e_commerce               boolean NOT NULL,
    complaint_period_amount  integer NOT NULL,
    complaint_period_unit    text NOT NULL,
    updated_at               timestamptz NOT NULL
);
