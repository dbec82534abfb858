#!/usr/bin/env python3
"""Fills a Heard SQLite database with N synthetic FFT responses by raw inserts, for the ward-week benchmark.

The database must already be migrated and hold the organisation (200 wards named "Ward 0".."Ward 199" of trust RBN),
for example after `heard import` of a one-row-per-ward file. Same shape as SyntheticFft.cs: 24 months from November
2024, a random ward per row, half the rows with a comment; each comment gets the sentiment the model gives such text
(1-2 for praise, 4 for complaints). The comment search triggers are dropped first (the benchmark does not search) and
the monthly FFT figures are recomputed from the rows, as `heard rebuild` would.

usage: generate_ward_week.py wards CSV    writes the one-row-per-ward file to import first
       generate_ward_week.py DB ROWS       fills the database to ROWS responses
"""
import random, sqlite3, sys
from datetime import date

COMMENTS = [("Staff were kind and explained everything", 1), ("The food was cold and the portions were small", 4),
            ("Waited four hours to be seen", 4), ("Clean ward, lovely nurses", 2), ("Noisy at night, could not sleep", 4)]

def main(path, rows):
    db = sqlite3.connect(path)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
    for (name,) in db.execute("select name from sqlite_master where type='trigger' and name like 'feedback%search%'").fetchall():
        db.execute(f'DROP TRIGGER "{name}"')
    units = {n: (i, s, t) for i, n, s, t in db.execute("select id, name, site_id, trust_id from unit where name like 'Ward %'")}
    assert len(units) == 200, f"expected 200 wards, found {len(units)}"
    held = db.execute("select count(*) from feedback").fetchone()[0]
    rnd = random.Random(1)
    fid = db.execute("select coalesce(max(id),0) from feedback").fetchone()[0]
    feedback, answers = [], []
    def flush():
        db.executemany("insert into feedback (id,trust_id,site_id,unit_id,source,setting,mode,received_on,month,fft_answer,external_id,dedupe_key,created_at) values (?,?,?,?,'fft','inpatient','sms',?,?,?,?,?,'2026-11-29 00:00:00')", feedback)
        db.executemany("insert into feedback_answer (feedback_record_id,question_key,text,sentiment) values (?,'comment',?,?)", answers)
        feedback.clear(); answers.clear()
    for i in range(held, rows):
        unit_id, site_id, trust_id = units[f"Ward {rnd.randrange(200)}"]
        m = 10 + i % 24
        d = date(2024 + m // 12, m % 12 + 1, 1 + i % 28)
        fid += 1
        feedback.append((fid, trust_id, site_id, unit_id, d.isoformat(), d.year * 100 + d.month, 1 + rnd.randrange(6), f"W{i}", f"id:W{i}"))
        if rnd.randrange(2) == 0:
            text, sentiment = COMMENTS[rnd.randrange(len(COMMENTS))]
            answers.append((fid, text, sentiment))
        if len(feedback) >= 100_000:
            flush()
    flush()
    db.executescript("""
        DELETE FROM fft_monthly;
        INSERT INTO fft_monthly (unit_id, site_id, month, setting, trust_id, very_good, good, neither, poor, very_poor, dont_know, no_rating,
            mode_sms, mode_electronic_discharge, mode_electronic_home, mode_paper_discharge, mode_paper_home, mode_telephone, mode_online, mode_other, comments)
        SELECT f.unit_id, f.site_id, f.month, f.setting, f.trust_id,
            SUM(f.fft_answer = 1), SUM(f.fft_answer = 2), SUM(f.fft_answer = 3), SUM(f.fft_answer = 4), SUM(f.fft_answer = 5), SUM(f.fft_answer = 6),
            SUM(f.fft_answer IS NULL), COUNT(*), 0, 0, 0, 0, 0, 0, 0,
            SUM(EXISTS (SELECT 1 FROM feedback_answer a WHERE a.feedback_record_id = f.id AND a.text IS NOT NULL))
        FROM feedback f WHERE f.source = 'fft' GROUP BY f.unit_id, f.site_id, f.month, f.setting, f.trust_id;
        ANALYZE;
    """)
    db.commit()
    print(db.execute("select count(*) from feedback").fetchone()[0], "responses")

def wards(path):
    with open(path, "w") as f:
        f.write("response_id,date,trust_code,trust_name,site_code,site_name,unit,setting,answer,mode,comment\n")
        for u in range(200):
            f.write(f"R{u},2024-11-01,RBN,Bench Trust,RBN0{u % 3},Site {u % 3},Ward {u},inpatient,1,sms,\n")

if __name__ == "__main__":
    if sys.argv[1] == "wards":
        wards(sys.argv[2])
    else:
        main(sys.argv[1], int(sys.argv[2]))
