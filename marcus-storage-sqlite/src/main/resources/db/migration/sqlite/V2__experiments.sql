-- Marcus storage schema, version 2 (SQLite): experiment runs, and archived projects.
-- Experiments are runs recorded in Marcus's own store (start_experiment / end_experiment); their figures are
-- measured from the event log between started_at and ended_at. At most one run is running per workspace.

CREATE TABLE experiments (
    workspace_id       TEXT    NOT NULL DEFAULT 'default',
    id                 TEXT    NOT NULL PRIMARY KEY,
    seq                INTEGER NOT NULL UNIQUE,
    name               TEXT    NOT NULL,
    run_name           TEXT,
    project_id         TEXT    REFERENCES projects (id),
    params             TEXT    NOT NULL DEFAULT '{}',
    tags               TEXT    NOT NULL DEFAULT '{}',
    tracking_interval  INTEGER NOT NULL DEFAULT 30,
    summary            TEXT    NOT NULL DEFAULT '{}',
    started_at         INTEGER NOT NULL,
    ended_at           INTEGER,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
-- one running experiment per workspace
CREATE UNIQUE INDEX experiments_one_running ON experiments (workspace_id) WHERE ended_at IS NULL;

-- remove_project archives instead of deleting: tasks and events stay readable as history
ALTER TABLE projects ADD COLUMN archived_at INTEGER;
