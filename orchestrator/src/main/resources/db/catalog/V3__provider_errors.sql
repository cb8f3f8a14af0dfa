-- Failed provider calls counted by each command, beside the results of catalog rebuild.
ALTER TABLE provider_health ADD COLUMN errors BIGINT;
