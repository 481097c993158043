-- Evidence bundles (取证): one captured, sealed zip per request.
CREATE TABLE evidence_bundles (
    id               TEXT    NOT NULL CONSTRAINT pk_evidence_bundles PRIMARY KEY,
    organization_id  TEXT    NOT NULL REFERENCES organizations (id),
    hit_id           TEXT    NOT NULL REFERENCES monitoring_hits (id),
    state            TEXT    NOT NULL,
    leaf_index       INTEGER NULL,
    bundle_sha256    TEXT    NULL,
    error            TEXT    NULL,
    requested_by     TEXT    NULL,
    created_at       TEXT    NOT NULL,
    sealed_at        TEXT    NULL
);
CREATE INDEX ix_evidence_bundles_organization_id ON evidence_bundles (organization_id);
CREATE INDEX ix_evidence_bundles_hit_id ON evidence_bundles (hit_id);
