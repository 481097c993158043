-- Valuation: what an owner declares about a work for valuation, and the reports run on it.
CREATE TABLE valuation_profiles (
    work_id                   uuid NOT NULL CONSTRAINT pk_valuation_profiles PRIMARY KEY REFERENCES works (id),
    organization_id           uuid NOT NULL REFERENCES organizations (id),
    genres_json               text NOT NULL,
    production_cost_minor     bigint NULL,
    production_cost_currency  text NULL,
    first_published_on        date NULL,
    updated_at                timestamptz NOT NULL,
    updated_by                uuid NULL
);
CREATE INDEX ix_valuation_profiles_organization_id ON valuation_profiles (organization_id);

CREATE TABLE valuation_reports (
    id               uuid NOT NULL CONSTRAINT pk_valuation_reports PRIMARY KEY,
    number           text NOT NULL,
    organization_id  uuid NOT NULL REFERENCES organizations (id),
    work_id          uuid NOT NULL REFERENCES works (id),
    currency         text NOT NULL,
    content_json     text NOT NULL,
    content_sha256   text NOT NULL,
    pdf_sha256       text NULL,
    pdf_sm3          text NULL,
    low_minor        bigint NULL,
    central_minor    bigint NULL,
    high_minor       bigint NULL,
    created_at       timestamptz NOT NULL,
    created_by       uuid NULL,
    ledger_index     bigint NULL
);
CREATE UNIQUE INDEX ix_valuation_reports_number ON valuation_reports (number);
CREATE INDEX ix_valuation_reports_work_id_created_at ON valuation_reports (work_id, created_at);
CREATE INDEX ix_valuation_reports_organization_id ON valuation_reports (organization_id);
