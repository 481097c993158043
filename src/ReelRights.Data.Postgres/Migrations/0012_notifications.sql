-- In-app notifications: each organization's inbox (a registration held for review, its outcome…).
CREATE TABLE notifications (
    id               uuid        NOT NULL CONSTRAINT pk_notifications PRIMARY KEY,
    organization_id  uuid        NOT NULL REFERENCES organizations (id),
    kind             text        NOT NULL,
    title_zh         text        NOT NULL,
    title_en         text        NOT NULL,
    body_zh          text        NOT NULL,
    body_en          text        NOT NULL,
    link             text        NULL,
    created_at       timestamptz NOT NULL,
    read_at          timestamptz NULL
);
CREATE INDEX ix_notifications_organization_id_created_at ON notifications (organization_id, created_at);
-- The header badge counts unread rows on every page; only those are in this index.
CREATE INDEX ix_notifications_unread ON notifications (organization_id, created_at) WHERE read_at IS NULL;
