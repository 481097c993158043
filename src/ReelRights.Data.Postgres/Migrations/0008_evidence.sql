-- Evidence bundles (取证): one captured, sealed zip per request.
CREATE TABLE evidence_bundles (
    id               uuid        NOT NULL CONSTRAINT pk_evidence_bundles PRIMARY KEY,
    organization_id  uuid        NOT NULL REFERENCES organizations (id),
    hit_id           uuid        NOT NULL REFERENCES monitoring_hits (id),
    state            text        NOT NULL,
    leaf_index       bigint      NULL,
    bundle_sha256    text        NULL,
    error            text        NULL,
    requested_by     uuid        NULL,
    created_at       timestamptz NOT NULL,
    sealed_at        timestamptz NULL
);
CREATE INDEX ix_evidence_bundles_organization_id ON evidence_bundles (organization_id);
CREATE INDEX ix_evidence_bundles_hit_id ON evidence_bundles (hit_id);
