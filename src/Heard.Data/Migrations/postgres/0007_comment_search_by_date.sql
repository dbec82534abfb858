-- 0007: SQLite re-keys its comment index by day received (see the SQLite migration). PostgreSQL's English text index
-- from 0003 is unchanged; this step keeps the two histories in step.
SELECT 1;
