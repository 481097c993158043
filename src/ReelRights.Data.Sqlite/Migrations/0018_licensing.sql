-- Licensing and trading (用权): listings, deals with their versions and signatures, licenses and their sealed history.
CREATE TABLE license_listings (
    id               TEXT NOT NULL CONSTRAINT pk_license_listings PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    work_id          TEXT NOT NULL REFERENCES works (id),
    title            TEXT NOT NULL,
    description      TEXT NULL,
    tags             TEXT NOT NULL,
    terms_json       TEXT NOT NULL,
    rights_mask      INTEGER NOT NULL,
    visibility       TEXT NOT NULL,
    invited_json     TEXT NOT NULL,
    state            TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX ix_license_listings_organization_id ON license_listings (organization_id);
CREATE INDEX ix_license_listings_work_id ON license_listings (work_id);

CREATE TABLE license_deals (
    id                      TEXT NOT NULL CONSTRAINT pk_license_deals PRIMARY KEY,
    number                  TEXT NOT NULL,
    listing_id              TEXT NOT NULL REFERENCES license_listings (id),
    work_id                 TEXT NOT NULL REFERENCES works (id),
    owner_organization_id   TEXT NOT NULL REFERENCES organizations (id),
    buyer_organization_id   TEXT NOT NULL REFERENCES organizations (id),
    state                   TEXT NOT NULL,
    latest_version          INTEGER NOT NULL,
    accepted_version        INTEGER NULL,
    license_id              TEXT NULL,
    contract_html_sha256    TEXT NULL,
    contract_pdf_sha256     TEXT NULL,
    contract_pdf_sm3        TEXT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    version                 INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_license_deals_number ON license_deals (number);
CREATE INDEX ix_license_deals_owner_organization_id ON license_deals (owner_organization_id);
CREATE INDEX ix_license_deals_buyer_organization_id ON license_deals (buyer_organization_id);

CREATE TABLE deal_versions (
    id                  TEXT NOT NULL CONSTRAINT pk_deal_versions PRIMARY KEY,
    deal_id             TEXT NOT NULL REFERENCES license_deals (id),
    number              INTEGER NOT NULL,
    by_organization_id  TEXT NOT NULL REFERENCES organizations (id),
    by_user_id          TEXT NULL,
    terms_json          TEXT NOT NULL,
    note                TEXT NULL,
    created_at          TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_deal_versions_deal_id_number ON deal_versions (deal_id, number);

CREATE TABLE deal_signatures (
    id               TEXT NOT NULL CONSTRAINT pk_deal_signatures PRIMARY KEY,
    deal_id          TEXT NOT NULL REFERENCES license_deals (id),
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    user_id          TEXT NULL,
    signer_name      TEXT NOT NULL,
    pdf_sha256       TEXT NOT NULL,
    pdf_sm3          TEXT NOT NULL,
    at               TEXT NOT NULL,
    ledger_index     INTEGER NULL
);
CREATE UNIQUE INDEX ix_deal_signatures_deal_id_organization_id ON deal_signatures (deal_id, organization_id);

CREATE TABLE licenses (
    id                         TEXT NOT NULL CONSTRAINT pk_licenses PRIMARY KEY,
    code                       TEXT NOT NULL,
    work_id                    TEXT NOT NULL REFERENCES works (id),
    licensor_organization_id   TEXT NOT NULL REFERENCES organizations (id),
    licensee_organization_id   TEXT NOT NULL REFERENCES organizations (id),
    deal_id                    TEXT NULL,
    case_id                    TEXT NULL,
    terms_json                 TEXT NOT NULL,
    rights_mask                INTEGER NOT NULL,
    exclusivity                TEXT NOT NULL,
    start                      TEXT NOT NULL,
    "end"                      TEXT NOT NULL,
    state                      TEXT NOT NULL,
    contract_pdf_sha256        TEXT NULL,
    contract_pdf_sm3           TEXT NULL,
    created_at                 TEXT NOT NULL,
    granted_at                 TEXT NULL,
    version                    INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_licenses_code ON licenses (code);
CREATE INDEX ix_licenses_work_id_state ON licenses (work_id, state);
CREATE INDEX ix_licenses_licensee_organization_id ON licenses (licensee_organization_id);

CREATE TABLE license_events (
    id                     TEXT NOT NULL CONSTRAINT pk_license_events PRIMARY KEY,
    license_id             TEXT NOT NULL REFERENCES licenses (id),
    sequence               INTEGER NOT NULL,
    kind                   TEXT NOT NULL,
    actor_organization_id  TEXT NULL,
    actor_user_id          TEXT NULL,
    note                   TEXT NULL,
    terms_json             TEXT NULL,
    at                     TEXT NOT NULL,
    ledger_index           INTEGER NULL
);
CREATE UNIQUE INDEX ix_license_events_license_id_sequence ON license_events (license_id, sequence);

CREATE TABLE work_licensing_locks (
    work_id  TEXT NOT NULL CONSTRAINT pk_work_licensing_locks PRIMARY KEY REFERENCES works (id),
    version  INTEGER NOT NULL
);
