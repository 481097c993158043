-- Monitoring tasks (what to watch, how often), their hits (one per place × episode) and failures.
CREATE TABLE monitoring_tasks (
    id                TEXT    NOT NULL CONSTRAINT pk_monitoring_tasks PRIMARY KEY,
    organization_id   TEXT    NOT NULL REFERENCES organizations (id),
    name              TEXT    NOT NULL,
    urls              TEXT    NOT NULL,
    interval_minutes  INTEGER NULL,
    next_run_at       TEXT    NULL,
    last_run_at       TEXT    NULL,
    last_job_id       TEXT    NULL,
    created_at        TEXT    NOT NULL
);
CREATE INDEX ix_monitoring_tasks_organization_id ON monitoring_tasks (organization_id);
CREATE INDEX ix_monitoring_tasks_next_run_at ON monitoring_tasks (next_run_at);

CREATE TABLE monitoring_hits (
    id               TEXT    NOT NULL CONSTRAINT pk_monitoring_hits PRIMARY KEY,
    organization_id  TEXT    NOT NULL REFERENCES organizations (id),
    task_id          TEXT    NOT NULL REFERENCES monitoring_tasks (id),
    source           TEXT    NOT NULL,
    episode_id       TEXT    NOT NULL,
    work_id          TEXT    NOT NULL,
    media_sha256     TEXT    NOT NULL,
    score            REAL    NOT NULL,
    modality         TEXT    NOT NULL,
    segments         TEXT    NOT NULL,
    class            TEXT    NOT NULL,
    dismissed_reason TEXT    NULL,
    first_seen_at    TEXT    NOT NULL,
    last_seen_at     TEXT    NOT NULL,
    times_seen       INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_monitoring_hits_organization_id_source_episode_id ON monitoring_hits (organization_id, source, episode_id);
CREATE INDEX ix_monitoring_hits_work_id ON monitoring_hits (work_id);

CREATE TABLE monitoring_failures (
    id          TEXT NOT NULL CONSTRAINT pk_monitoring_failures PRIMARY KEY,
    task_id     TEXT NOT NULL REFERENCES monitoring_tasks (id),
    source      TEXT NOT NULL,
    code        TEXT NOT NULL,
    message_zh  TEXT NOT NULL,
    message_en  TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX ix_monitoring_failures_task_id ON monitoring_failures (task_id);
