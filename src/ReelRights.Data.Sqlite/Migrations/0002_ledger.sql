-- The evidence ledger: an RFC 6962 Merkle log of canonical records (docs/adr/0004-ledger.md).
-- ledger_states holds one row (id = 1): the log's identity and size; appends lock it.
CREATE TABLE ledger_states (
    id                    INTEGER NOT NULL CONSTRAINT pk_ledger_states PRIMARY KEY,
    origin                TEXT    NOT NULL,
    tree_size             INTEGER NOT NULL,
    tsa_protected_pfx     TEXT    NOT NULL,
    tsa_certificate       BLOB    NOT NULL,
    created_at            TEXT    NOT NULL
);

CREATE TABLE ledger_entries (
    leaf_index       INTEGER NOT NULL CONSTRAINT pk_ledger_entries PRIMARY KEY,
    leaf_hash        BLOB    NOT NULL,
    data             BLOB    NOT NULL,
    record_type      TEXT    NOT NULL,
    organization_id  TEXT    NULL,
    timestamp_token  BLOB    NULL,
    created_at       TEXT    NOT NULL
);
CREATE INDEX ix_ledger_entries_leaf_hash ON ledger_entries (leaf_hash);
CREATE INDEX ix_ledger_entries_organization_id_leaf_index ON ledger_entries (organization_id, leaf_index);

-- Hashes of complete subtrees (level 0 = leaf hashes), immutable once written.
CREATE TABLE ledger_nodes (
    level       INTEGER NOT NULL,
    node_index  INTEGER NOT NULL,
    hash        BLOB    NOT NULL,
    CONSTRAINT pk_ledger_nodes PRIMARY KEY (level, node_index)
);

CREATE TABLE ledger_checkpoints (
    tree_size   INTEGER NOT NULL CONSTRAINT pk_ledger_checkpoints PRIMARY KEY,
    root_hash   BLOB    NOT NULL,
    note        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
);

CREATE TABLE ledger_keys (
    id                    TEXT NOT NULL CONSTRAINT pk_ledger_keys PRIMARY KEY,
    name                  TEXT NOT NULL,
    algorithm             TEXT NOT NULL,
    verifier_key          TEXT NOT NULL,
    protected_signer_key  TEXT NOT NULL,
    created_at            TEXT NOT NULL,
    retired_at            TEXT NULL
);
