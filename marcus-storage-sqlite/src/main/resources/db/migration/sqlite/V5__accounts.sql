-- Marcus storage schema, version 5 (SQLite): accounts. Users who sign in to the dashboard, their
-- sign-in sessions, API tokens for agents, and the audit trail of every change made through the web or MCP over HTTP.
-- Secrets are never stored in clear: password_hash is an argon2id encoding, sessions and tokens keep the SHA-256 of
-- their secret. 

CREATE TABLE users (
    workspace_id   TEXT    NOT NULL DEFAULT 'default',
    id             TEXT    NOT NULL PRIMARY KEY,
    email          TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('viewer', 'developer', 'admin')),
    password_hash  TEXT    NOT NULL,
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   INTEGER,
    last_login_at  INTEGER,
    created_at     INTEGER  NOT NULL,
    updated_at     INTEGER  NOT NULL
);
-- emails are stored lower-case by the code; the index makes a duplicate impossible even under a race
CREATE UNIQUE INDEX users_email ON users (workspace_id, email);

CREATE TABLE sessions (
    workspace_id   TEXT    NOT NULL DEFAULT 'default',
    secret_hash    TEXT    NOT NULL PRIMARY KEY,
    user_id        TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token     TEXT    NOT NULL,
    expires_at     INTEGER  NOT NULL,
    created_at     INTEGER  NOT NULL,
    updated_at     INTEGER  NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_tokens (
    workspace_id   TEXT    NOT NULL DEFAULT 'default',
    id             TEXT    NOT NULL PRIMARY KEY,
    name           TEXT    NOT NULL,
    project_id     TEXT    NOT NULL REFERENCES projects (id),
    role           TEXT    NOT NULL CHECK (role IN ('viewer', 'developer')),
    secret_hash    TEXT    NOT NULL UNIQUE,
    hint           TEXT    NOT NULL,
    created_by     TEXT,
    last_used_at   INTEGER,
    revoked_at     INTEGER,
    created_at     INTEGER  NOT NULL,
    updated_at     INTEGER  NOT NULL
);
CREATE INDEX api_tokens_maker ON api_tokens (created_by);

CREATE TABLE audit_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id   TEXT    NOT NULL DEFAULT 'default',
    at             INTEGER  NOT NULL,
    actor          TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    target         TEXT,
    project_id     TEXT,
    before_value   TEXT,
    after_value    TEXT,
    created_at     INTEGER  NOT NULL,
    updated_at     INTEGER  NOT NULL
);
CREATE INDEX audit_log_project ON audit_log (project_id, id);
