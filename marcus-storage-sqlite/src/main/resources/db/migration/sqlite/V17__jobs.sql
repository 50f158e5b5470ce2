-- Background jobs (issue #11): one table of recurring and one-off jobs that every process and replica shares, and
-- the history of their attempts. A worker claims due rows with a BEGIN IMMEDIATE transaction; while it runs one, next_run_at
-- holds the end of its lease, so a job whose worker died is due again when that lease ends. Version 17 leaves room
-- for the versions other branches add meanwhile. Mirrors the PostgreSQL V17 column for column.

CREATE TABLE jobs (
    workspace_id     TEXT    NOT NULL DEFAULT 'default',
    id               TEXT    NOT NULL PRIMARY KEY,
    kind             TEXT    NOT NULL,
    ref              TEXT,
    payload          TEXT,
    state            TEXT,
    interval_ms      BIGINT,
    lease_ms         BIGINT  NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('scheduled', 'running', 'retrying', 'failed', 'dead', 'done')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    max_attempts     INTEGER NOT NULL,
    due_at           BIGINT  NOT NULL,
    next_run_at      BIGINT,
    locked_by        TEXT,
    last_started_at  BIGINT,
    last_finished_at BIGINT,
    last_success_at  BIGINT,
    last_error       TEXT,
    runs             BIGINT  NOT NULL DEFAULT 0,
    failures         BIGINT  NOT NULL DEFAULT 0,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX jobs_due ON jobs (next_run_at) WHERE next_run_at IS NOT NULL;
CREATE INDEX jobs_kind_ref ON jobs (kind, ref);

CREATE TABLE job_runs (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id TEXT    NOT NULL DEFAULT 'default',
    job_id       TEXT    NOT NULL,
    due_at       BIGINT  NOT NULL,
    attempt      INTEGER NOT NULL,
    worker       TEXT    NOT NULL,
    started_at   BIGINT  NOT NULL,
    finished_at  BIGINT,
    outcome      TEXT    NOT NULL CHECK (outcome IN ('running', 'ok', 'failed')),
    error        TEXT,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    -- one attempt per slot and number: a second worker claiming the same run cannot even record it
    UNIQUE (job_id, due_at, attempt)
);
CREATE INDEX job_runs_job ON job_runs (job_id, id);
