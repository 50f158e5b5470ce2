-- Two processes creating a project with the same name at the same moment must not both succeed: the store, not a
-- JVM lock, decides. Archived projects keep their names out of the way.
CREATE UNIQUE INDEX projects_live_name ON projects (workspace_id, lower(name)) WHERE archived_at IS NULL;
