-- Monitoring: channels an owner declares as its own or licensed (until licensing records exist).
CREATE TABLE authorized_channels (
    id                        TEXT    NOT NULL CONSTRAINT pk_authorized_channels PRIMARY KEY,
    organization_id           TEXT    NOT NULL REFERENCES organizations (id),
    work_id                   TEXT    NULL REFERENCES works (id),
    kind                      TEXT    NOT NULL,
    platform_organization_id  TEXT    NULL,
    url_prefix                TEXT    NULL,
    note                      TEXT    NULL,
    created_at                TEXT    NOT NULL
);
CREATE INDEX ix_authorized_channels_organization_id ON authorized_channels (organization_id);
