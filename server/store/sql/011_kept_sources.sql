-- The storage quota counts every source kept on disk, failed videos' included (a transcode failure keeps
-- media/<id>/source; a refused upload's bytes are deleted at ingest). source_removed_at (ms) records that
-- deletion, so those bytes stop counting.
ALTER TABLE videos ADD COLUMN source_removed_at INTEGER;
-- Earlier refusals at ingest: failed before a probe result was stored (media_info is set only by a successful
-- ingest), except a job that ran out of attempts, which removed nothing.
UPDATE videos SET source_removed_at = updated_at
    WHERE status = 'failed' AND media_info IS NULL AND COALESCE(failure_code, '') != 'processing_failed';
