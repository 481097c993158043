-- Delivery: e-mail (SMTP or the outbox folder) and platforms' signed webhooks with their delivery log.
CREATE TABLE outgoing_mails (
    id                 uuid NOT NULL CONSTRAINT pk_outgoing_mails PRIMARY KEY,
    organization_id    uuid NULL,
    to_address         text NULL,
    subject            text NOT NULL,
    body_text          text NOT NULL,
    attachment_sha256  text NULL,
    attachment_name    text NULL,
    attachment_type    text NULL,
    state              text NOT NULL,
    sent_to            text NULL,
    last_error         text NULL,
    created_at         timestamptz NOT NULL,
    sent_at            timestamptz NULL
);
CREATE INDEX ix_outgoing_mails_state ON outgoing_mails (state);

CREATE TABLE platform_webhooks (
    organization_id   uuid NOT NULL CONSTRAINT pk_platform_webhooks PRIMARY KEY REFERENCES organizations (id),
    url               text NOT NULL,
    secret_protected  text NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);

CREATE TABLE webhook_deliveries (
    id               uuid NOT NULL CONSTRAINT pk_webhook_deliveries PRIMARY KEY,
    organization_id  uuid NOT NULL REFERENCES organizations (id),
    case_id          uuid NOT NULL REFERENCES enforcement_cases (id),
    event            text NOT NULL,
    url              text NOT NULL,
    body             text NOT NULL,
    state            text NOT NULL,
    attempts         integer NOT NULL,
    last_status      integer NULL,
    last_error       text NULL,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz NULL
);
CREATE INDEX ix_webhook_deliveries_organization_id ON webhook_deliveries (organization_id);

CREATE TABLE webhook_attempts (
    id           uuid NOT NULL CONSTRAINT pk_webhook_attempts PRIMARY KEY,
    delivery_id  uuid NOT NULL REFERENCES webhook_deliveries (id),
    attempt      integer NOT NULL,
    at           timestamptz NOT NULL,
    status_code  integer NULL,
    error        text NULL,
    duration_ms  integer NOT NULL
);
CREATE INDEX ix_webhook_attempts_delivery_id ON webhook_attempts (delivery_id);
