"""Writes a synthetic FFT export for timing `./heard import`: usage `python3 generate_fft.py ROWS FILE`.

200 wards over 4 sites of one trust, 24 months from November 2024, half the rows (at random) with a comment,
comments with commas and quotes quoted as a real export quotes them.
"""
import datetime
import random
import sys

rows, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(42)
comments = ["Staff were kind and explained everything", "The food was cold, and the portions were small",
            "Waited four hours to be seen", "Clean ward, lovely nurses", 'Noisy at night "could not sleep"']
modes = ["sms", "online", "paper-discharge", "telephone"]


def quoted(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\r\n') else s


with open(path, "w", newline="") as f:
    f.write("response_id,date,trust_code,trust_name,site_code,site_name,unit,setting,answer,mode,comment\n")
    for i in range(rows):
        ward = rnd.randrange(200)
        site = ward % 4
        m = 10 + i % 24  # months since January 2024
        d = datetime.date(2024 + m // 12, m % 12 + 1, 1 + rnd.randrange(28))
        comment = quoted(rnd.choice(comments)) if rnd.randrange(2) == 0 else ""
        f.write(f"X{i},{d.isoformat()},RXP,Perf Trust,RXP0{site},Site {site},Ward {ward},inpatient,"
                f"{1 + rnd.randrange(6)},{rnd.choice(modes)},{comment}\n")
