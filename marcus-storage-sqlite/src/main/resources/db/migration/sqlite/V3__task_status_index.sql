-- Finishing a task asks whether its project has any unfinished task left; without this index that question read
-- every task of the project (O(tasks) per completion). With it, it is one index probe.
CREATE INDEX tasks_status ON tasks (project_id, status);
