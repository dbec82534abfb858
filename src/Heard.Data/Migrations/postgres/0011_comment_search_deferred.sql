-- 0011: SQLite's file imports index comments for search in sorted batches (see the SQLite migration). PostgreSQL's
-- text index is maintained by the database itself and needs no queue; this step keeps the two histories in step.
SELECT 1;
