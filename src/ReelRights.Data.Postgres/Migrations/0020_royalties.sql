-- Royalties: usage reported by licensees, monthly statements both sides confirm, payments.
CREATE TABLE usage_imports (
    id               uuid NOT NULL CONSTRAINT pk_usage_imports PRIMARY KEY,
    license_id       uuid NOT NULL REFERENCES licenses (id),
    organization_id  uuid NOT NULL,
    user_id          uuid NULL,
    source           text NOT NULL,
    file_name        text NULL,
    sha256           text NOT NULL,
    rows             integer NOT NULL,
    at               timestamptz NOT NULL
);
CREATE INDEX ix_usage_imports_license_id_sha256 ON usage_imports (license_id, sha256);

CREATE TABLE usage_lines (
    id                           uuid NOT NULL CONSTRAINT pk_usage_lines PRIMARY KEY,
    import_id                    uuid NOT NULL REFERENCES usage_imports (id),
    license_id                   uuid NOT NULL REFERENCES licenses (id),
    period                       text NOT NULL,
    territory                    text NOT NULL,
    platform                     text NOT NULL,
    episode                      integer NULL,
    views                        bigint NOT NULL,
    revenue                      numeric NOT NULL,
    currency                     text NOT NULL,
    fx_rate                      numeric NULL,
    revenue_in_license_currency  numeric NOT NULL,
    "row"                        integer NOT NULL
);
CREATE INDEX ix_usage_lines_license_id_period ON usage_lines (license_id, period);

CREATE TABLE royalty_statements (
    id                      uuid NOT NULL CONSTRAINT pk_royalty_statements PRIMARY KEY,
    number                  text NOT NULL,
    license_id              uuid NOT NULL REFERENCES licenses (id),
    period                  text NOT NULL,
    currency                text NOT NULL,
    views                   bigint NOT NULL,
    revenue                 numeric NOT NULL,
    share                   numeric NOT NULL,
    cumulative_share        numeric NOT NULL,
    owed_minor              bigint NOT NULL,
    formula_zh              text NOT NULL,
    formula_en              text NOT NULL,
    usage_rows              integer NOT NULL,
    content_sha256          text NOT NULL,
    licensor_confirmed_at   timestamptz NULL,
    licensor_confirmed_by   uuid NULL,
    licensee_confirmed_at   timestamptz NULL,
    licensee_confirmed_by   uuid NULL,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    ledger_index            bigint NULL,
    version                 integer NOT NULL
);
CREATE UNIQUE INDEX ix_royalty_statements_number ON royalty_statements (number);
CREATE UNIQUE INDEX ix_royalty_statements_license_id_period ON royalty_statements (license_id, period);

CREATE TABLE royalty_payments (
    id               uuid NOT NULL CONSTRAINT pk_royalty_payments PRIMARY KEY,
    statement_id     uuid NOT NULL REFERENCES royalty_statements (id),
    amount_minor     bigint NOT NULL,
    paid_on          date NOT NULL,
    reference        text NOT NULL,
    organization_id  uuid NOT NULL,
    user_id          uuid NULL,
    at               timestamptz NOT NULL,
    ledger_index     bigint NULL
);
CREATE INDEX ix_royalty_payments_statement_id ON royalty_payments (statement_id);
