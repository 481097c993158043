-- Licenses decide monitoring and screening: the channels a licensee declares, and the license that decided each hit.
CREATE TABLE license_channels (
    id                        uuid NOT NULL CONSTRAINT pk_license_channels PRIMARY KEY,
    license_id                uuid NOT NULL REFERENCES licenses (id),
    platform_organization_id  uuid NULL,
    url_prefix                text NULL,
    created_at                timestamptz NOT NULL
);
CREATE INDEX ix_license_channels_license_id ON license_channels (license_id);
ALTER TABLE monitoring_hits ADD COLUMN license_code text NULL;
