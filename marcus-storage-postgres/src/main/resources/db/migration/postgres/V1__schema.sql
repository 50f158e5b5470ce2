-- Marcus storage schema, version 1 (PostgreSQL). Mirrors db/migration/sqlite/V1__schema.sql table for table,
-- column for column: times are epoch milliseconds (BIGINT), JSON columns are TEXT written by Jackson, so that a
-- row reads the same on both databases (the migration's checksums rely on it).
-- Every table carries workspace_id (one 'default' workspace for now) and created/updated timestamps.

CREATE TABLE projects (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    id            TEXT    NOT NULL PRIMARY KEY,
    seq           BIGINT  NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    project_root  TEXT,
    completed_at  BIGINT,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

CREATE TABLE tasks (
    workspace_id        TEXT             NOT NULL DEFAULT 'default',
    id                  TEXT             NOT NULL PRIMARY KEY,
    project_id          TEXT             NOT NULL REFERENCES projects (id),
    seq                 BIGINT           NOT NULL UNIQUE,
    name                TEXT             NOT NULL,
    description         TEXT             NOT NULL DEFAULT '',
    status              TEXT             NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'blocked')),
    priority            TEXT             NOT NULL,
    labels              TEXT             NOT NULL DEFAULT '[]',
    estimated_hours     DOUBLE PRECISION,
    acceptance_criteria TEXT             NOT NULL DEFAULT '[]',
    -- deferrable so that a bulk copy may insert a subtask before its parent within one transaction
    parent_id           TEXT             REFERENCES tasks (id) DEFERRABLE INITIALLY IMMEDIATE,
    -- readiness, kept as state in the same transaction as every change that affects it
    pending_deps        INTEGER          NOT NULL DEFAULT 0 CHECK (pending_deps >= 0),
    subtask_count       INTEGER          NOT NULL DEFAULT 0 CHECK (subtask_count >= 0),
    open_subtasks       INTEGER          NOT NULL DEFAULT 0 CHECK (open_subtasks >= 0),
    -- lease
    assignee            TEXT,
    lease_epoch         BIGINT           NOT NULL DEFAULT 0,
    lease_expires_at    BIGINT,
    assigned_at         BIGINT,
    progress            INTEGER          NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    last_message        TEXT             NOT NULL DEFAULT '',
    last_report_at      BIGINT,
    recovery_info       TEXT,
    tokens_used         BIGINT           NOT NULL DEFAULT 0,
    cost_usd            DOUBLE PRECISION NOT NULL DEFAULT 0,
    completed_at        BIGINT,
    created_at          BIGINT           NOT NULL,
    updated_at          BIGINT           NOT NULL,
    CHECK (assignee IS NULL OR status = 'in_progress')
);

-- claims read ready rows only, through this index
CREATE INDEX tasks_ready ON tasks (project_id, seq)
    WHERE status = 'todo' AND assignee IS NULL AND pending_deps = 0 AND subtask_count = 0;
-- one active task per agent (and, by the single column, one holder per task)
CREATE UNIQUE INDEX tasks_one_per_agent ON tasks (assignee) WHERE assignee IS NOT NULL;
-- the lease sweeper's scan
CREATE INDEX tasks_leases ON tasks (lease_expires_at) WHERE assignee IS NOT NULL;
CREATE INDEX tasks_project ON tasks (project_id);
CREATE INDEX tasks_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE task_dependencies (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    task_id       TEXT    NOT NULL REFERENCES tasks (id),
    depends_on    TEXT    NOT NULL REFERENCES tasks (id),
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    PRIMARY KEY (task_id, depends_on)
);
CREATE INDEX task_dependencies_depends_on ON task_dependencies (depends_on);

CREATE TABLE agents (
    workspace_id     TEXT    NOT NULL DEFAULT 'default',
    id               TEXT    NOT NULL PRIMARY KEY,
    seq              BIGINT  NOT NULL UNIQUE,
    project_id       TEXT    NOT NULL REFERENCES projects (id),
    name             TEXT    NOT NULL,
    role             TEXT    NOT NULL DEFAULT '',
    skills           TEXT    NOT NULL DEFAULT '[]',
    completed_tasks  INTEGER NOT NULL DEFAULT 0,
    registered_at    BIGINT  NOT NULL,
    last_seen_at     BIGINT  NOT NULL,
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX agents_project ON agents (project_id, seq);

CREATE TABLE decisions (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    id            TEXT    NOT NULL PRIMARY KEY,
    seq           BIGINT  NOT NULL UNIQUE,
    project_id    TEXT    NOT NULL REFERENCES projects (id),
    task_id       TEXT    NOT NULL REFERENCES tasks (id),
    agent_id      TEXT    NOT NULL,
    text          TEXT    NOT NULL,
    what          TEXT    NOT NULL DEFAULT '',
    why           TEXT    NOT NULL DEFAULT '',
    impact        TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX decisions_task ON decisions (task_id, created_at, seq);

CREATE TABLE artifacts (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    id            TEXT    NOT NULL PRIMARY KEY,
    seq           BIGINT  NOT NULL UNIQUE,
    project_id    TEXT    NOT NULL REFERENCES projects (id),
    task_id       TEXT    NOT NULL REFERENCES tasks (id),
    filename      TEXT    NOT NULL,
    type          TEXT    NOT NULL,
    location      TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    size_bytes    BIGINT  NOT NULL DEFAULT 0,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX artifacts_task ON artifacts (task_id, created_at, seq);

CREATE TABLE blockers (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    id            TEXT    NOT NULL PRIMARY KEY,
    seq           BIGINT  NOT NULL UNIQUE,
    task_id       TEXT    NOT NULL REFERENCES tasks (id),
    agent_id      TEXT    NOT NULL,
    description   TEXT    NOT NULL,
    severity      TEXT    NOT NULL,
    resolved_at   BIGINT,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX blockers_task ON blockers (task_id, created_at, seq);

-- BY DEFAULT (not ALWAYS) so that a migration can carry the source's ids over, then move the identity past them
CREATE TABLE events (
    id            BIGINT  GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    type          TEXT    NOT NULL,
    project_id    TEXT,
    task_id       TEXT,
    agent_id      TEXT,
    data          TEXT    NOT NULL DEFAULT '{}',
    at            BIGINT  NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX events_project ON events (project_id, id);

CREATE TABLE settings (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    name          TEXT    NOT NULL,
    value         TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    PRIMARY KEY (workspace_id, name)
);
