-- Monitoring tasks (what to watch, how often), their hits (one per place × episode) and failures.
CREATE TABLE monitoring_tasks (
    id                uuid    NOT NULL CONSTRAINT pk_monitoring_tasks PRIMARY KEY,
    organization_id   uuid    NOT NULL REFERENCES organizations (id),
    name              text    NOT NULL,
    urls              text    NOT NULL,
    interval_minutes  integer NULL,
    next_run_at       timestamptz    NULL,
    last_run_at       timestamptz    NULL,
    last_job_id       uuid    NULL,
    created_at        timestamptz    NOT NULL
);
CREATE INDEX ix_monitoring_tasks_organization_id ON monitoring_tasks (organization_id);
CREATE INDEX ix_monitoring_tasks_next_run_at ON monitoring_tasks (next_run_at);

CREATE TABLE monitoring_hits (
    id               uuid    NOT NULL CONSTRAINT pk_monitoring_hits PRIMARY KEY,
    organization_id  uuid    NOT NULL REFERENCES organizations (id),
    task_id          uuid    NOT NULL REFERENCES monitoring_tasks (id),
    source           text    NOT NULL,
    episode_id       uuid    NOT NULL,
    work_id          uuid    NOT NULL,
    media_sha256     text    NOT NULL,
    score            double precision    NOT NULL,
    modality         text    NOT NULL,
    segments         text    NOT NULL,
    class            text    NOT NULL,
    dismissed_reason text    NULL,
    first_seen_at    timestamptz    NOT NULL,
    last_seen_at     timestamptz    NOT NULL,
    times_seen       integer NOT NULL
);
CREATE UNIQUE INDEX ix_monitoring_hits_organization_id_source_episode_id ON monitoring_hits (organization_id, source, episode_id);
CREATE INDEX ix_monitoring_hits_work_id ON monitoring_hits (work_id);

CREATE TABLE monitoring_failures (
    id          uuid NOT NULL CONSTRAINT pk_monitoring_failures PRIMARY KEY,
    task_id     uuid NOT NULL REFERENCES monitoring_tasks (id),
    source      text NOT NULL,
    code        text NOT NULL,
    message_zh  text NOT NULL,
    message_en  text NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX ix_monitoring_failures_task_id ON monitoring_failures (task_id);
