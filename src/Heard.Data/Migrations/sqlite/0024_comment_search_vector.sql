-- 0024: PostgreSQL stores each answer's text-search vector and indexes feedback by day received (see the PostgreSQL
-- migration). SQLite's comment index is already keyed by day (0007); this step keeps the two histories in step.
SELECT 1;
