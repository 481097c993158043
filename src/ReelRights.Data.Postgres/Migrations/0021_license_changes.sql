-- Amendments and renewals of licenses; a settlement's license terms and licensee; views a source reports for a hit.
CREATE TABLE license_amendments (
    id                           uuid NOT NULL CONSTRAINT pk_license_amendments PRIMARY KEY,
    license_id                   uuid NOT NULL REFERENCES licenses (id),
    kind                         text NOT NULL,
    proposed_by_organization_id  uuid NOT NULL,
    proposed_by_user_id          uuid NULL,
    terms_json                   text NOT NULL,
    note                         text NULL,
    state                        text NOT NULL,
    created_at                   timestamptz NOT NULL,
    decided_at                   timestamptz NULL,
    decided_by_user_id           uuid NULL,
    version                      integer NOT NULL
);
CREATE INDEX ix_license_amendments_license_id ON license_amendments (license_id);
-- One open change per license: two proposals racing cannot both stay open.
CREATE UNIQUE INDEX ix_license_amendments_open ON license_amendments (license_id) WHERE state = 'Open';

ALTER TABLE settlement_proposals ADD COLUMN license_grant_json text NULL;
ALTER TABLE settlement_proposals ADD COLUMN licensee_organization_id uuid NULL;

ALTER TABLE monitoring_hits ADD COLUMN observed_views bigint NULL;
ALTER TABLE monitoring_hits ADD COLUMN views_observed_at timestamptz NULL;
