-- Recommendations (docs/API.md §17): implicit feedback for collaborative filtering.
SELECT 1;
