-- A human can pause an agent (issue #6): a paused agent keeps the task it holds but is given no new one.
-- NULL: not paused. (V5 is reserved for the accounts tables.)
ALTER TABLE agents ADD COLUMN paused_at INTEGER;
