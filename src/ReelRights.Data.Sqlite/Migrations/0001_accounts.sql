-- Organizations, users, API keys, invitations and the audit trail.
-- Guids are stored as TEXT and timestamps as ISO-8601 TEXT in UTC, as EF Core's SQLite provider writes them.
CREATE TABLE organizations (
    id          TEXT    NOT NULL CONSTRAINT pk_organizations PRIMARY KEY,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);

CREATE TABLE users (
    id               TEXT    NOT NULL CONSTRAINT pk_users PRIMARY KEY,
    organization_id  TEXT    NOT NULL REFERENCES organizations (id),
    email            TEXT    NOT NULL,
    display_name     TEXT    NOT NULL,
    password_hash    TEXT    NOT NULL,
    is_admin         INTEGER NOT NULL,
    failed_sign_ins  INTEGER NOT NULL,
    locked_until     TEXT    NULL,
    last_sign_in_at  TEXT    NULL,
    security_stamp   TEXT    NOT NULL,
    created_at       TEXT    NOT NULL
);
CREATE UNIQUE INDEX ix_users_email ON users (email);
CREATE INDEX ix_users_organization_id ON users (organization_id);

CREATE TABLE api_keys (
    id                  TEXT    NOT NULL CONSTRAINT pk_api_keys PRIMARY KEY,
    organization_id     TEXT    NOT NULL REFERENCES organizations (id),
    name                TEXT    NOT NULL,
    prefix              TEXT    NOT NULL,
    secret_hash         TEXT    NOT NULL,
    permissions         TEXT    NOT NULL,
    created_by_user_id  TEXT    NULL,
    created_at          TEXT    NOT NULL,
    revoked_at          TEXT    NULL,
    last_used_at        TEXT    NULL
);
CREATE UNIQUE INDEX ix_api_keys_prefix ON api_keys (prefix);
CREATE INDEX ix_api_keys_organization_id ON api_keys (organization_id);

CREATE TABLE invitations (
    id                  TEXT    NOT NULL CONSTRAINT pk_invitations PRIMARY KEY,
    organization_id     TEXT    NOT NULL REFERENCES organizations (id),
    email               TEXT    NULL,
    is_admin            INTEGER NOT NULL,
    token_hash          TEXT    NOT NULL,
    created_by_user_id  TEXT    NULL,
    created_at          TEXT    NOT NULL,
    expires_at          TEXT    NOT NULL,
    accepted_at         TEXT    NULL,
    accepted_user_id    TEXT    NULL
);
CREATE UNIQUE INDEX ix_invitations_token_hash ON invitations (token_hash);

CREATE TABLE audit_events (
    id                 TEXT    NOT NULL CONSTRAINT pk_audit_events PRIMARY KEY,
    organization_id    TEXT    NULL,
    actor_user_id      TEXT    NULL,
    actor_api_key_id   TEXT    NULL,
    action             TEXT    NOT NULL,
    target_id          TEXT    NULL,
    detail             TEXT    NULL,
    at                 TEXT    NOT NULL
);
CREATE INDEX ix_audit_events_organization_id_at ON audit_events (organization_id, at);
