-- Organizations, users, API keys, invitations and the audit trail.
CREATE TABLE organizations (
    id          uuid        NOT NULL CONSTRAINT pk_organizations PRIMARY KEY,
    name        text        NOT NULL,
    kind        text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE users (
    id               uuid        NOT NULL CONSTRAINT pk_users PRIMARY KEY,
    organization_id  uuid        NOT NULL REFERENCES organizations (id),
    email            text        NOT NULL,
    display_name     text        NOT NULL,
    password_hash    text        NOT NULL,
    is_admin         boolean     NOT NULL,
    failed_sign_ins  integer     NOT NULL,
    locked_until     timestamptz NULL,
    last_sign_in_at  timestamptz NULL,
    security_stamp   text        NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_users_email ON users (email);
CREATE INDEX ix_users_organization_id ON users (organization_id);

CREATE TABLE api_keys (
    id                  uuid        NOT NULL CONSTRAINT pk_api_keys PRIMARY KEY,
    organization_id     uuid        NOT NULL REFERENCES organizations (id),
    name                text        NOT NULL,
    prefix              text        NOT NULL,
    secret_hash         text        NOT NULL,
    permissions         text        NOT NULL,
    created_by_user_id  uuid        NULL,
    created_at          timestamptz NOT NULL,
    revoked_at          timestamptz NULL,
    last_used_at        timestamptz NULL
);
CREATE UNIQUE INDEX ix_api_keys_prefix ON api_keys (prefix);
CREATE INDEX ix_api_keys_organization_id ON api_keys (organization_id);

CREATE TABLE invitations (
    id                  uuid        NOT NULL CONSTRAINT pk_invitations PRIMARY KEY,
    organization_id     uuid        NOT NULL REFERENCES organizations (id),
    email               text        NULL,
    is_admin            boolean     NOT NULL,
    token_hash          text        NOT NULL,
    created_by_user_id  uuid        NULL,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    accepted_at         timestamptz NULL,
    accepted_user_id    uuid        NULL
);
CREATE UNIQUE INDEX ix_invitations_token_hash ON invitations (token_hash);

CREATE TABLE audit_events (
    id                 uuid        NOT NULL CONSTRAINT pk_audit_events PRIMARY KEY,
    organization_id    uuid        NULL,
    actor_user_id      uuid        NULL,
    actor_api_key_id   uuid        NULL,
    action             text        NOT NULL,
    target_id          text        NULL,
    detail             text        NULL,
    at                 timestamptz NOT NULL
);
CREATE INDEX ix_audit_events_organization_id_at ON audit_events (organization_id, at);
