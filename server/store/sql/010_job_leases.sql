-- Job leases: a running job belongs to the process running it, so several framecastd processes can share one
-- data dir (--job-kinds splits) without one requeueing another's work (docs/ARCHITECTURE.md, Jobs).
-- lease_owner: "host:pid" of the process that claimed the job (kept after it ends, for diagnosis).
-- lease_expires_at: ms; renewed while the job runs. Once past, any node may take the job over.
-- Rows running before this migration have neither, so they count as expired and are recovered.
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_expires_at INTEGER;
