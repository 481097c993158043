-- Licensing and trading (用权): listings, deals with their versions and signatures, licenses and their sealed history.
CREATE TABLE license_listings (
    id               uuid NOT NULL CONSTRAINT pk_license_listings PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id),
    work_id          uuid NOT NULL REFERENCES works (id),
    title            text NOT NULL,
    description      text NULL,
    tags             text NOT NULL,
    terms_json       text NOT NULL,
    rights_mask      integer NOT NULL,
    visibility       text NOT NULL,
    invited_json     text NOT NULL,
    state            text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX ix_license_listings_organization_id ON license_listings (organization_id);
CREATE INDEX ix_license_listings_work_id ON license_listings (work_id);

CREATE TABLE license_deals (
    id                      uuid NOT NULL CONSTRAINT pk_license_deals PRIMARY KEY,
    number                  text NOT NULL,
    listing_id              uuid NOT NULL REFERENCES license_listings (id),
    work_id                 uuid NOT NULL REFERENCES works (id),
    owner_organization_id   uuid NOT NULL REFERENCES organizations (id),
    buyer_organization_id   uuid NOT NULL REFERENCES organizations (id),
    state                   text NOT NULL,
    latest_version          integer NOT NULL,
    accepted_version        integer NULL,
    license_id              uuid NULL,
    contract_html_sha256    text NULL,
    contract_pdf_sha256     text NULL,
    contract_pdf_sm3        text NULL,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    version                 integer NOT NULL
);
CREATE UNIQUE INDEX ix_license_deals_number ON license_deals (number);
CREATE INDEX ix_license_deals_owner_organization_id ON license_deals (owner_organization_id);
CREATE INDEX ix_license_deals_buyer_organization_id ON license_deals (buyer_organization_id);

CREATE TABLE deal_versions (
    id                  uuid NOT NULL CONSTRAINT pk_deal_versions PRIMARY KEY,
    deal_id             uuid NOT NULL REFERENCES license_deals (id),
    number              integer NOT NULL,
    by_organization_id  uuid NOT NULL REFERENCES organizations (id),
    by_user_id          uuid NULL,
    terms_json          text NOT NULL,
    note                text NULL,
    created_at          timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_deal_versions_deal_id_number ON deal_versions (deal_id, number);

CREATE TABLE deal_signatures (
    id               uuid NOT NULL CONSTRAINT pk_deal_signatures PRIMARY KEY,
    deal_id          uuid NOT NULL REFERENCES license_deals (id),
    organization_id  uuid NOT NULL REFERENCES organizations (id),
    user_id          uuid NULL,
    signer_name      text NOT NULL,
    pdf_sha256       text NOT NULL,
    pdf_sm3          text NOT NULL,
    at               timestamptz NOT NULL,
    ledger_index     bigint NULL
);
CREATE UNIQUE INDEX ix_deal_signatures_deal_id_organization_id ON deal_signatures (deal_id, organization_id);

CREATE TABLE licenses (
    id                         uuid NOT NULL CONSTRAINT pk_licenses PRIMARY KEY,
    code                       text NOT NULL,
    work_id                    uuid NOT NULL REFERENCES works (id),
    licensor_organization_id   uuid NOT NULL REFERENCES organizations (id),
    licensee_organization_id   uuid NOT NULL REFERENCES organizations (id),
    deal_id                    uuid NULL,
    case_id                    uuid NULL,
    terms_json                 text NOT NULL,
    rights_mask                integer NOT NULL,
    exclusivity                text NOT NULL,
    start                      date NOT NULL,
    "end"                      date NOT NULL,
    state                      text NOT NULL,
    contract_pdf_sha256        text NULL,
    contract_pdf_sm3           text NULL,
    created_at                 timestamptz NOT NULL,
    granted_at                 timestamptz NULL,
    version                    integer NOT NULL
);
CREATE UNIQUE INDEX ix_licenses_code ON licenses (code);
CREATE INDEX ix_licenses_work_id_state ON licenses (work_id, state);
CREATE INDEX ix_licenses_licensee_organization_id ON licenses (licensee_organization_id);

CREATE TABLE license_events (
    id                     uuid NOT NULL CONSTRAINT pk_license_events PRIMARY KEY,
    license_id             uuid NOT NULL REFERENCES licenses (id),
    sequence               integer NOT NULL,
    kind                   text NOT NULL,
    actor_organization_id  uuid NULL,
    actor_user_id          uuid NULL,
    note                   text NULL,
    terms_json             text NULL,
    at                     timestamptz NOT NULL,
    ledger_index           bigint NULL
);
CREATE UNIQUE INDEX ix_license_events_license_id_sequence ON license_events (license_id, sequence);

CREATE TABLE work_licensing_locks (
    work_id  uuid NOT NULL CONSTRAINT pk_work_licensing_locks PRIMARY KEY REFERENCES works (id),
    version  integer NOT NULL
);
