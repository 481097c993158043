-- Licenses decide monitoring and screening: the channels a licensee declares, and the license that decided each hit.
CREATE TABLE license_channels (
    id                        TEXT NOT NULL CONSTRAINT pk_license_channels PRIMARY KEY,
    license_id                TEXT NOT NULL REFERENCES licenses (id),
    platform_organization_id  TEXT NULL,
    url_prefix                TEXT NULL,
    created_at                TEXT NOT NULL
);
CREATE INDEX ix_license_channels_license_id ON license_channels (license_id);
ALTER TABLE monitoring_hits ADD COLUMN license_code TEXT NULL;
