-- Royalties: usage reported by licensees, monthly statements both sides confirm, payments.
CREATE TABLE usage_imports (
    id               TEXT NOT NULL CONSTRAINT pk_usage_imports PRIMARY KEY,
    license_id       TEXT NOT NULL REFERENCES licenses (id),
    organization_id  TEXT NOT NULL,
    user_id          TEXT NULL,
    source           TEXT NOT NULL,
    file_name        TEXT NULL,
    sha256           TEXT NOT NULL,
    rows             INTEGER NOT NULL,
    at               TEXT NOT NULL
);
CREATE INDEX ix_usage_imports_license_id_sha256 ON usage_imports (license_id, sha256);

CREATE TABLE usage_lines (
    id                           TEXT NOT NULL CONSTRAINT pk_usage_lines PRIMARY KEY,
    import_id                    TEXT NOT NULL REFERENCES usage_imports (id),
    license_id                   TEXT NOT NULL REFERENCES licenses (id),
    period                       TEXT NOT NULL,
    territory                    TEXT NOT NULL,
    platform                     TEXT NOT NULL,
    episode                      INTEGER NULL,
    views                        INTEGER NOT NULL,
    revenue                      TEXT NOT NULL,
    currency                     TEXT NOT NULL,
    fx_rate                      TEXT NULL,
    revenue_in_license_currency  TEXT NOT NULL,
    "row"                        INTEGER NOT NULL
);
CREATE INDEX ix_usage_lines_license_id_period ON usage_lines (license_id, period);

CREATE TABLE royalty_statements (
    id                      TEXT NOT NULL CONSTRAINT pk_royalty_statements PRIMARY KEY,
    number                  TEXT NOT NULL,
    license_id              TEXT NOT NULL REFERENCES licenses (id),
    period                  TEXT NOT NULL,
    currency                TEXT NOT NULL,
    views                   INTEGER NOT NULL,
    revenue                 TEXT NOT NULL,
    share                   TEXT NOT NULL,
    cumulative_share        TEXT NOT NULL,
    owed_minor              INTEGER NOT NULL,
    formula_zh              TEXT NOT NULL,
    formula_en              TEXT NOT NULL,
    usage_rows              INTEGER NOT NULL,
    content_sha256          TEXT NOT NULL,
    licensor_confirmed_at   TEXT NULL,
    licensor_confirmed_by   TEXT NULL,
    licensee_confirmed_at   TEXT NULL,
    licensee_confirmed_by   TEXT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    ledger_index            INTEGER NULL,
    version                 INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_royalty_statements_number ON royalty_statements (number);
CREATE UNIQUE INDEX ix_royalty_statements_license_id_period ON royalty_statements (license_id, period);

CREATE TABLE royalty_payments (
    id               TEXT NOT NULL CONSTRAINT pk_royalty_payments PRIMARY KEY,
    statement_id     TEXT NOT NULL REFERENCES royalty_statements (id),
    amount_minor     INTEGER NOT NULL,
    paid_on          TEXT NOT NULL,
    reference        TEXT NOT NULL,
    organization_id  TEXT NOT NULL,
    user_id          TEXT NULL,
    at               TEXT NOT NULL,
    ledger_index     INTEGER NULL
);
CREATE INDEX ix_royalty_payments_statement_id ON royalty_payments (statement_id);
