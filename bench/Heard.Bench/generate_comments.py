"""Writes synthetic patient comments for timing `./heard classify`: usage `python3 generate_comments.py ROWS FILE`.

Columns comment_id,comment,question. Comments are made up from short clauses (about 70 characters on average, as in
real FFT comments), 3% empty and 2% long; commas, quotes and line breaks are quoted as a real export quotes them.
No real comment is used.
"""
import random
import sys

rows, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(7)
subjects = ["The staff", "The nurses", "The driver", "Reception", "The doctor", "Everyone", "The paramedics",
            "The call handler", "My care coordinator", "The crew"]
qualities = ["were kind", "were rude", "was very helpful", "were caring and professional", "was dismissive",
             "were lovely", "did not listen", "explained everything", "were brilliant", "kept me informed"]
extras = ["but I waited four hours to be seen", "the food was cold", "could not get through on the phone",
          "transport arrived late, again", "parking was impossible", "thank you for everything",
          "nothing to improve", "more staff needed at night", "the ward was clean and tidy",
          "my medication was changed without telling me", "discharge was rushed", "the appointment was cancelled twice",
          'they said "we will call you back" and never did', "keep up the good work", "no complaints at all"]
thin = ["Nothing", "None.", "N/a", "All good", "Excellent service", "Very good", "Fine", "Did not answer"]
questions = ["FFT Why?", "How could we improve?", "What was good?", "What could we do better?"]


def comment():
    r = rnd.random()
    if r < 0.03:
        return ""
    if r < 0.20:
        return rnd.choice(thin)
    parts = [f"{rnd.choice(subjects)} {rnd.choice(qualities)}"]
    parts += rnd.sample(extras, rnd.randrange(0, 4))
    text = ", ".join(parts) + "."
    if r > 0.98:
        text = (text + "\n") * 6
    return text


def quoted(s):
    return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\r\n') else s


with open(path, "w", newline="") as f:
    f.write("comment_id,comment,question\n")
    for i in range(rows):
        f.write(f"C{i},{quoted(comment())},{rnd.choice(questions)}\n")
