-- Scheduled runs: the scheduler's run id and the fire time a run was due at, so that runs of
-- one fire can be found across the nodes of a cluster. Both are null for commands run by hand.
ALTER TABLE job_runs ADD COLUMN run_id VARCHAR(64);
ALTER TABLE job_runs ADD COLUMN scheduled_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX job_runs_scheduled_at ON job_runs (scheduled_at);

-- At most one scheduled job that writes a repository runs at a time, across all nodes: the
-- job holds this lease while it runs and renews it before expires_at.
CREATE TABLE repository_leases (
    repository_id VARCHAR(64) PRIMARY KEY,
    job VARCHAR(200) NOT NULL,
    run_id VARCHAR(64) NOT NULL,
    node VARCHAR(255) NOT NULL,
    acquired_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
