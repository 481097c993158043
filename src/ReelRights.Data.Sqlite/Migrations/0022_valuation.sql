-- Valuation: what an owner declares about a work for valuation, and the reports run on it.
CREATE TABLE valuation_profiles (
    work_id                   TEXT NOT NULL CONSTRAINT pk_valuation_profiles PRIMARY KEY REFERENCES works (id),
    organization_id           TEXT NOT NULL REFERENCES organizations (id),
    genres_json               TEXT NOT NULL,
    production_cost_minor     INTEGER NULL,
    production_cost_currency  TEXT NULL,
    first_published_on        TEXT NULL,
    updated_at                TEXT NOT NULL,
    updated_by                TEXT NULL
);
CREATE INDEX ix_valuation_profiles_organization_id ON valuation_profiles (organization_id);

CREATE TABLE valuation_reports (
    id               TEXT NOT NULL CONSTRAINT pk_valuation_reports PRIMARY KEY,
    number           TEXT NOT NULL,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    work_id          TEXT NOT NULL REFERENCES works (id),
    currency         TEXT NOT NULL,
    content_json     TEXT NOT NULL,
    content_sha256   TEXT NOT NULL,
    pdf_sha256       TEXT NULL,
    pdf_sm3          TEXT NULL,
    low_minor        INTEGER NULL,
    central_minor    INTEGER NULL,
    high_minor       INTEGER NULL,
    created_at       TEXT NOT NULL,
    created_by       TEXT NULL,
    ledger_index     INTEGER NULL
);
CREATE UNIQUE INDEX ix_valuation_reports_number ON valuation_reports (number);
CREATE INDEX ix_valuation_reports_work_id_created_at ON valuation_reports (work_id, created_at);
CREATE INDEX ix_valuation_reports_organization_id ON valuation_reports (organization_id);
