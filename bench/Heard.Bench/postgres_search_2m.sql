-- Fills a freshly migrated, empty PostgreSQL database with 2,000,000 FFT responses, each with a made-up comment in
-- the mix of SyntheticComments.cs (the SQLite search benchmark's comments): 3% "Nothing", 17% thin, the rest a
-- subject and a quality plus up to three extra clauses, 2% of those six times over. One trust, three sites, 200
-- wards ("Ward 0" to "Ward 199"), 24 months from November 2024, as CommentSearchBenchmarks.WriteFile lays them out.
-- Rows go in by SQL in bulk rather than through the importer (one statement a row, about 1,200 rows a second), with
-- the two tables' indexes dropped while they load and rebuilt from their own definitions afterwards.
-- Run by postgres_search_2m.sh; psql variable :rows sets the size.
\set ON_ERROR_STOP on
\timing on
SELECT setseed(0.11);

INSERT INTO trust (id, ods_code, name) VALUES (1, 'RBN', 'Bench Trust');
INSERT INTO site (id, trust_id, code, name) SELECT s + 1, 1, 'RBN0' || s, 'Site ' || s FROM generate_series(0, 2) s;
INSERT INTO unit (id, trust_id, site_id, code, name, kind, settings, created_at)
SELECT w + 1, 1, w % 3 + 1, 'W' || w, 'Ward ' || w, 'ward', 'inpatient', now() FROM generate_series(0, 199) w;
SELECT setval(pg_get_serial_sequence('trust', 'id'), 1), setval(pg_get_serial_sequence('site', 'id'), 3),
       setval(pg_get_serial_sequence('unit', 'id'), 200);

CREATE TEMP TABLE dropped_index AS
SELECT indexname, indexdef FROM pg_indexes
WHERE tablename IN ('feedback', 'feedback_answer') AND indexname NOT LIKE 'pk\_%';
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM dropped_index LOOP EXECUTE 'DROP INDEX ' || quote_ident(r.indexname); END LOOP;
END $$;

CREATE UNLOGGED TABLE bench_row AS
WITH words AS (
  SELECT ARRAY['The staff', 'The nurses', 'The driver', 'Reception', 'The doctor', 'Everyone', 'The paramedics',
               'The call handler', 'My care coordinator', 'The crew'] AS subjects,
         ARRAY['were kind', 'were rude', 'was very helpful', 'were caring and professional', 'was dismissive',
               'were lovely', 'did not listen', 'explained everything', 'were brilliant', 'kept me informed'] AS qualities,
         ARRAY['but I waited four hours to be seen', 'the food was cold', 'could not get through on the phone',
               'transport arrived late, again', 'parking was impossible', 'thank you for everything',
               'nothing to improve', 'more staff needed at night', 'the ward was clean and tidy',
               'my medication was changed without telling me', 'discharge was rushed',
               'the appointment was cancelled twice', 'they said "we will call you back" and never did',
               'keep up the good work', 'no complaints at all'] AS extras,
         ARRAY['Nothing', 'None.', 'N/a', 'All good', 'Excellent service', 'Very good', 'Fine', 'Did not answer'] AS thin
), draws AS (
  SELECT i, random() AS r, floor(random() * 200)::int AS ward, 1 + floor(random() * 6)::int AS answer,
         1 + floor(random() * 10)::int AS s, 1 + floor(random() * 10)::int AS q, floor(random() * 4)::int AS n,
         1 + floor(random() * 15)::int AS e1, 1 + floor(random() * 15)::int AS e2, 1 + floor(random() * 15)::int AS e3,
         1 + floor(random() * 8)::int AS t, 1 + floor(random() * 5)::int AS sentiment
  FROM generate_series(1, :rows) i
)
SELECT i, ward, answer, sentiment,
       (date '2024-11-01' + make_interval(months => (i - 1) % 24, days => (i - 1) % 28))::date AS received_on,
       CASE WHEN r < 0.03 THEN 'Nothing'
            WHEN r < 0.20 THEN thin[t]
            ELSE (SELECT CASE WHEN r > 0.98 THEN repeat(c || E'\n', 6) ELSE c END
                  FROM (SELECT subjects[s] || ' ' || qualities[q]
                               || CASE WHEN n >= 1 THEN ', ' || extras[e1] ELSE '' END
                               || CASE WHEN n >= 2 THEN ', ' || extras[e2] ELSE '' END
                               || CASE WHEN n >= 3 THEN ', ' || extras[e3] ELSE '' END || '.' AS c) made)
       END AS comment
FROM draws, words;

INSERT INTO feedback (id, trust_id, site_id, unit_id, source, setting, mode, received_on, month, fft_answer, dedupe_key, created_at)
SELECT i, 1, ward % 3 + 1, ward + 1, 'fft', 'inpatient', 'sms', received_on,
       extract(year FROM received_on)::int * 100 + extract(month FROM received_on)::int, answer, 'S' || i, now()
FROM bench_row;
INSERT INTO feedback_answer (id, feedback_record_id, question_key, text, sentiment)
SELECT i, i, 'fft_why', comment, sentiment FROM bench_row;
SELECT setval(pg_get_serial_sequence('feedback', 'id'), :rows), setval(pg_get_serial_sequence('feedback_answer', 'id'), :rows);
DROP TABLE bench_row;

SET maintenance_work_mem = '512MB';
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM dropped_index LOOP EXECUTE r.indexdef; END LOOP;
END $$;
VACUUM ANALYZE feedback;
VACUUM ANALYZE feedback_answer;
VACUUM ANALYZE unit;
