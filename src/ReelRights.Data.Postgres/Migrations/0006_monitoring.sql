-- Monitoring: channels an owner declares as its own or licensed (until licensing records exist).
CREATE TABLE authorized_channels (
    id                        uuid        NOT NULL CONSTRAINT pk_authorized_channels PRIMARY KEY,
    organization_id           uuid        NOT NULL REFERENCES organizations (id),
    work_id                   uuid        NULL REFERENCES works (id),
    kind                      text        NOT NULL,
    platform_organization_id  uuid        NULL,
    url_prefix                text        NULL,
    note                      text        NULL,
    created_at                timestamptz NOT NULL
);
CREATE INDEX ix_authorized_channels_organization_id ON authorized_channels (organization_id);
