-- Search (docs/API.md §17): the full-text indexes of videos and channels, kept in step with their rows by
-- triggers, and the log of searches that suggestions learn popular queries from. Filled in by the search work.
SELECT 1;
