-- A task may watch a folder on the server (under an operator-configured root).
ALTER TABLE monitoring_tasks ADD COLUMN folder TEXT NULL;
