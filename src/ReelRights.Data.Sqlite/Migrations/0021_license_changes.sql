-- Amendments and renewals of licenses; a settlement's license terms and licensee; views a source reports for a hit.
CREATE TABLE license_amendments (
    id                           TEXT NOT NULL CONSTRAINT pk_license_amendments PRIMARY KEY,
    license_id                   TEXT NOT NULL REFERENCES licenses (id),
    kind                         TEXT NOT NULL,
    proposed_by_organization_id  TEXT NOT NULL,
    proposed_by_user_id          TEXT NULL,
    terms_json                   TEXT NOT NULL,
    note                         TEXT NULL,
    state                        TEXT NOT NULL,
    created_at                   TEXT NOT NULL,
    decided_at                   TEXT NULL,
    decided_by_user_id           TEXT NULL,
    version                      INTEGER NOT NULL
);
CREATE INDEX ix_license_amendments_license_id ON license_amendments (license_id);
-- One open change per license: two proposals racing cannot both stay open.
CREATE UNIQUE INDEX ix_license_amendments_open ON license_amendments (license_id) WHERE state = 'Open';

ALTER TABLE settlement_proposals ADD COLUMN license_grant_json TEXT NULL;
ALTER TABLE settlement_proposals ADD COLUMN licensee_organization_id TEXT NULL;

ALTER TABLE monitoring_hits ADD COLUMN observed_views INTEGER NULL;
ALTER TABLE monitoring_hits ADD COLUMN views_observed_at TEXT NULL;
