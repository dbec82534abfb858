-- 0025: PostgreSQL copies each feedback row's unit and day received onto its answers, for comment search. SQLite's
-- comment index is keyed by day received already (migration 0007), so there is nothing to do here.
SELECT 1;
