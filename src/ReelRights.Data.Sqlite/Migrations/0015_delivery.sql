-- Delivery: e-mail (SMTP or the outbox folder) and platforms' signed webhooks with their delivery log.
CREATE TABLE outgoing_mails (
    id                 TEXT NOT NULL CONSTRAINT pk_outgoing_mails PRIMARY KEY,
    organization_id    TEXT NULL,
    to_address         TEXT NULL,
    subject            TEXT NOT NULL,
    body_text          TEXT NOT NULL,
    attachment_sha256  TEXT NULL,
    attachment_name    TEXT NULL,
    attachment_type    TEXT NULL,
    state              TEXT NOT NULL,
    sent_to            TEXT NULL,
    last_error         TEXT NULL,
    created_at         TEXT NOT NULL,
    sent_at            TEXT NULL
);
CREATE INDEX ix_outgoing_mails_state ON outgoing_mails (state);

CREATE TABLE platform_webhooks (
    organization_id   TEXT NOT NULL CONSTRAINT pk_platform_webhooks PRIMARY KEY REFERENCES organizations (id),
    url               TEXT NOT NULL,
    secret_protected  TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE webhook_deliveries (
    id               TEXT NOT NULL CONSTRAINT pk_webhook_deliveries PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    case_id          TEXT NOT NULL REFERENCES enforcement_cases (id),
    event            TEXT NOT NULL,
    url              TEXT NOT NULL,
    body             TEXT NOT NULL,
    state            TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    last_status      INTEGER NULL,
    last_error       TEXT NULL,
    created_at       TEXT NOT NULL,
    delivered_at     TEXT NULL
);
CREATE INDEX ix_webhook_deliveries_organization_id ON webhook_deliveries (organization_id);

CREATE TABLE webhook_attempts (
    id           TEXT NOT NULL CONSTRAINT pk_webhook_attempts PRIMARY KEY,
    delivery_id  TEXT NOT NULL REFERENCES webhook_deliveries (id),
    attempt      INTEGER NOT NULL,
    at           TEXT NOT NULL,
    status_code  INTEGER NULL,
    error        TEXT NULL,
    duration_ms  INTEGER NOT NULL
);
CREATE INDEX ix_webhook_attempts_delivery_id ON webhook_attempts (delivery_id);
