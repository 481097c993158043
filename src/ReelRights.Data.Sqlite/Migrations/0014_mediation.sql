-- Mediation (调解): sessions, messages with documents, proposals, the settlement agreement and its signatures.
ALTER TABLE case_events ADD COLUMN attachments_sm3 TEXT NULL;

CREATE TABLE mediation_sessions (
    id                          TEXT NOT NULL CONSTRAINT pk_mediation_sessions PRIMARY KEY,
    case_id                     TEXT NOT NULL REFERENCES enforcement_cases (id),
    starts_at                   TEXT NOT NULL,
    time_zone                   TEXT NOT NULL,
    duration_minutes            INTEGER NOT NULL,
    online_link                 TEXT NULL,
    place                       TEXT NULL,
    note                        TEXT NULL,
    created_by_organization_id  TEXT NOT NULL REFERENCES organizations (id),
    created_at                  TEXT NOT NULL
);
CREATE INDEX ix_mediation_sessions_case_id ON mediation_sessions (case_id);

CREATE TABLE case_messages (
    id                     TEXT NOT NULL CONSTRAINT pk_case_messages PRIMARY KEY,
    case_id                TEXT NOT NULL REFERENCES enforcement_cases (id),
    author_role            TEXT NOT NULL,
    author_organization_id TEXT NULL,
    author_user_id         TEXT NULL,
    author_name            TEXT NOT NULL,
    text                   TEXT NOT NULL,
    document_sha256        TEXT NULL,
    document_name          TEXT NULL,
    document_type          TEXT NULL,
    document_size          INTEGER NULL,
    at                     TEXT NOT NULL
);
CREATE INDEX ix_case_messages_case_id ON case_messages (case_id);

CREATE TABLE settlement_proposals (
    id                  TEXT NOT NULL CONSTRAINT pk_settlement_proposals PRIMARY KEY,
    case_id             TEXT NOT NULL REFERENCES enforcement_cases (id),
    sequence            INTEGER NOT NULL,
    by_role             TEXT NOT NULL,
    by_organization_id  TEXT NULL,
    amount_minor        INTEGER NOT NULL,
    currency            TEXT NOT NULL,
    payment_schedule    TEXT NOT NULL,
    takedown_scope      TEXT NOT NULL,
    license_instead     INTEGER NOT NULL,
    license_terms       TEXT NULL,
    note                TEXT NULL,
    state               TEXT NOT NULL,
    responds_to_id      TEXT NULL,
    created_at          TEXT NOT NULL,
    decided_at          TEXT NULL
);
CREATE UNIQUE INDEX ix_settlement_proposals_case_id_sequence ON settlement_proposals (case_id, sequence);

CREATE TABLE settlement_agreements (
    id                  TEXT NOT NULL CONSTRAINT pk_settlement_agreements PRIMARY KEY,
    case_id             TEXT NOT NULL REFERENCES enforcement_cases (id),
    proposal_id         TEXT NOT NULL REFERENCES settlement_proposals (id),
    html_sha256         TEXT NOT NULL,
    pdf_sha256          TEXT NOT NULL,
    pdf_sm3             TEXT NOT NULL,
    state               TEXT NOT NULL,
    created_by_user_id  TEXT NULL,
    created_at          TEXT NOT NULL
);
CREATE INDEX ix_settlement_agreements_case_id ON settlement_agreements (case_id);

CREATE TABLE agreement_signatures (
    id               TEXT NOT NULL CONSTRAINT pk_agreement_signatures PRIMARY KEY,
    agreement_id     TEXT NOT NULL REFERENCES settlement_agreements (id),
    role             TEXT NOT NULL,
    organization_id  TEXT NULL,
    user_id          TEXT NULL,
    signer_name      TEXT NOT NULL,
    pdf_sha256       TEXT NOT NULL,
    pdf_sm3          TEXT NOT NULL,
    case_event_id    TEXT NOT NULL REFERENCES case_events (id),
    at               TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_agreement_signatures_agreement_id_role ON agreement_signatures (agreement_id, role);
