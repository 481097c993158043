-- The evidence ledger: an RFC 6962 Merkle log of canonical records (docs/adr/0004-ledger.md).
-- ledger_states holds one row (id = 1): the log's identity and size; appends lock it FOR UPDATE.
CREATE TABLE ledger_states (
    id                    integer     NOT NULL CONSTRAINT pk_ledger_states PRIMARY KEY,
    origin                text        NOT NULL,
    tree_size             bigint      NOT NULL,
    tsa_protected_pfx     text        NOT NULL,
    tsa_certificate       bytea       NOT NULL,
    created_at            timestamptz NOT NULL
);

CREATE TABLE ledger_entries (
    leaf_index       bigint      NOT NULL CONSTRAINT pk_ledger_entries PRIMARY KEY,
    leaf_hash        bytea       NOT NULL,
    data             bytea       NOT NULL,
    record_type      text        NOT NULL,
    organization_id  uuid        NULL,
    timestamp_token  bytea       NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX ix_ledger_entries_leaf_hash ON ledger_entries (leaf_hash);
CREATE INDEX ix_ledger_entries_organization_id_leaf_index ON ledger_entries (organization_id, leaf_index);

-- Hashes of complete subtrees (level 0 = leaf hashes), immutable once written.
CREATE TABLE ledger_nodes (
    level       integer NOT NULL,
    node_index  bigint  NOT NULL,
    hash        bytea   NOT NULL,
    CONSTRAINT pk_ledger_nodes PRIMARY KEY (level, node_index)
);

CREATE TABLE ledger_checkpoints (
    tree_size   bigint      NOT NULL CONSTRAINT pk_ledger_checkpoints PRIMARY KEY,
    root_hash   bytea       NOT NULL,
    note        text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE ledger_keys (
    id                    uuid        NOT NULL CONSTRAINT pk_ledger_keys PRIMARY KEY,
    name                  text        NOT NULL,
    algorithm             text        NOT NULL,
    verifier_key          text        NOT NULL,
    protected_signer_key  text        NOT NULL,
    created_at            timestamptz NOT NULL,
    retired_at            timestamptz NULL
);
