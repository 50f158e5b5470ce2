-- Integrations (issue #11). Outbound webhooks per project (the signing secret sealed with AES-GCM under the
-- installation's secret key, never stored or returned in clear), inbound GitHub hooks (a sealed secret per project),
-- links from tasks to pull requests, and the daily analytics roll-ups. Mirrors the SQLite V18 column for column.

CREATE TABLE webhooks (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    id            TEXT    NOT NULL PRIMARY KEY,
    project_id    TEXT    NOT NULL REFERENCES projects (id),
    url           TEXT    NOT NULL,
    format        TEXT    NOT NULL CHECK (format IN ('generic', 'slack')),
    events        TEXT    NOT NULL,
    secret_sealed TEXT    NOT NULL,
    secret_hint   TEXT    NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    created_by    TEXT,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);
CREATE INDEX webhooks_project ON webhooks (project_id);

CREATE TABLE github_hooks (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    project_id    TEXT    NOT NULL PRIMARY KEY REFERENCES projects (id),
    secret_sealed TEXT    NOT NULL,
    secret_hint   TEXT    NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL
);

CREATE TABLE task_links (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    task_id       TEXT    NOT NULL REFERENCES tasks (id),
    kind          TEXT    NOT NULL,
    url           TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    number        INTEGER,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    PRIMARY KEY (task_id, url)
);

CREATE TABLE analytics_rollups (
    workspace_id  TEXT    NOT NULL DEFAULT 'default',
    project_id    TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    event_type    TEXT    NOT NULL,
    count         BIGINT  NOT NULL,
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    PRIMARY KEY (project_id, day, event_type)
);
