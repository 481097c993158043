-- Mediation (调解): sessions, messages with documents, proposals, the settlement agreement and its signatures.
ALTER TABLE case_events ADD COLUMN attachments_sm3 text NULL;

CREATE TABLE mediation_sessions (
    id                          uuid NOT NULL CONSTRAINT pk_mediation_sessions PRIMARY KEY,
    case_id                     uuid NOT NULL REFERENCES enforcement_cases (id),
    starts_at            timestamptz NOT NULL,
    time_zone                   text NOT NULL,
    duration_minutes            integer NOT NULL,
    online_link                 text NULL,
    place                       text NULL,
    note                        text NULL,
    created_by_organization_id  uuid NOT NULL REFERENCES organizations (id),
    created_at           timestamptz NOT NULL
);
CREATE INDEX ix_mediation_sessions_case_id ON mediation_sessions (case_id);

CREATE TABLE case_messages (
    id                     uuid NOT NULL CONSTRAINT pk_case_messages PRIMARY KEY,
    case_id                uuid NOT NULL REFERENCES enforcement_cases (id),
    author_role            text NOT NULL,
    author_organization_id uuid NULL,
    author_user_id         uuid NULL,
    author_name            text NOT NULL,
    text                   text NOT NULL,
    document_sha256        text NULL,
    document_name          text NULL,
    document_type          text NULL,
    document_size          bigint  NULL,
    at                     text NOT NULL
);
CREATE INDEX ix_case_messages_case_id ON case_messages (case_id);

CREATE TABLE settlement_proposals (
    id                  uuid NOT NULL CONSTRAINT pk_settlement_proposals PRIMARY KEY,
    case_id             uuid NOT NULL REFERENCES enforcement_cases (id),
    sequence            integer NOT NULL,
    by_role             text NOT NULL,
    by_organization_id  uuid NULL,
    amount_minor        bigint  NOT NULL,
    currency            text NOT NULL,
    payment_schedule    text NOT NULL,
    takedown_scope      text NOT NULL,
    license_instead     boolean NOT NULL,
    license_terms       text NULL,
    note                text NULL,
    state               text NOT NULL,
    responds_to_id      uuid NULL,
    created_at   timestamptz NOT NULL,
    decided_at   timestamptz NULL
);
CREATE UNIQUE INDEX ix_settlement_proposals_case_id_sequence ON settlement_proposals (case_id, sequence);

CREATE TABLE settlement_agreements (
    id                  uuid NOT NULL CONSTRAINT pk_settlement_agreements PRIMARY KEY,
    case_id             uuid NOT NULL REFERENCES enforcement_cases (id),
    proposal_id         uuid NOT NULL REFERENCES settlement_proposals (id),
    html_sha256         text NOT NULL,
    pdf_sha256          text NOT NULL,
    pdf_sm3             text NOT NULL,
    state               text NOT NULL,
    created_by_user_id  uuid NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX ix_settlement_agreements_case_id ON settlement_agreements (case_id);

CREATE TABLE agreement_signatures (
    id               uuid NOT NULL CONSTRAINT pk_agreement_signatures PRIMARY KEY,
    agreement_id     uuid NOT NULL REFERENCES settlement_agreements (id),
    role             text NOT NULL,
    organization_id  uuid NULL,
    user_id          uuid NULL,
    signer_name      text NOT NULL,
    pdf_sha256       text NOT NULL,
    pdf_sm3          text NOT NULL,
    case_event_id    uuid NOT NULL REFERENCES case_events (id),
    at               text NOT NULL
);
CREATE UNIQUE INDEX ix_agreement_signatures_agreement_id_role ON agreement_signatures (agreement_id, role);
