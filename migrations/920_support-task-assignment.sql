-- Up Migration
-- Support tasks can be assigned to an agent and closed by hand (a callback made, a gift sent); who closed a task and
-- when is kept beside its resolution.
ALTER TABLE support_tasks
  ADD COLUMN assignee  TEXT,
  ADD COLUMN closed_by TEXT,
  ADD COLUMN closed_at TIMESTAMPTZ;
CREATE INDEX support_tasks_assignee_idx ON support_tasks (assignee, status) WHERE assignee IS NOT NULL;

-- Down Migration
DROP INDEX support_tasks_assignee_idx;
ALTER TABLE support_tasks
  DROP COLUMN closed_at,
  DROP COLUMN closed_by,
  DROP COLUMN assignee;
