-- In-app notifications: each organization's inbox (a registration held for review, its outcome…).
CREATE TABLE notifications (
    id               TEXT    NOT NULL CONSTRAINT pk_notifications PRIMARY KEY,
    organization_id  TEXT    NOT NULL REFERENCES organizations (id),
    kind             TEXT    NOT NULL,
    title_zh         TEXT    NOT NULL,
    title_en         TEXT    NOT NULL,
    body_zh          TEXT    NOT NULL,
    body_en          TEXT    NOT NULL,
    link             TEXT    NULL,
    created_at       TEXT    NOT NULL,
    read_at          TEXT    NULL
);
CREATE INDEX ix_notifications_organization_id_created_at ON notifications (organization_id, created_at);
-- The header badge counts unread rows on every page; only those are in this index.
CREATE INDEX ix_notifications_unread ON notifications (organization_id, created_at) WHERE read_at IS NULL;
