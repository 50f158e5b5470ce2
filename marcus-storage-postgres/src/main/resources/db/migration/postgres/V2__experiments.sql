-- Marcus storage schema, version 2 (PostgreSQL): experiment runs, and archived projects. Mirrors the SQLite V2
-- column for column, so that `marcus migrate sqlite-to-postgres` copies and verifies them like every other table.

CREATE TABLE experiments (
    workspace_id       TEXT    NOT NULL DEFAULT 'default',
    id                 TEXT    NOT NULL PRIMARY KEY,
    seq                BIGINT  NOT NULL UNIQUE,
    name               TEXT    NOT NULL,
    run_name           TEXT,
    project_id         TEXT    REFERENCES projects (id),
    params             TEXT    NOT NULL DEFAULT '{}',
    tags               TEXT    NOT NULL DEFAULT '{}',
    tracking_interval  INTEGER NOT NULL DEFAULT 30,
    summary            TEXT    NOT NULL DEFAULT '{}',
    started_at         BIGINT  NOT NULL,
    ended_at           BIGINT,
    created_at         BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL
);
-- one running experiment per workspace
CREATE UNIQUE INDEX experiments_one_running ON experiments (workspace_id) WHERE ended_at IS NULL;

-- remove_project archives instead of deleting: tasks and events stay readable as history
ALTER TABLE projects ADD COLUMN archived_at BIGINT;
