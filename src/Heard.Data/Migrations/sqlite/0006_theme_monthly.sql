-- 0006: theme figures by unit, month, source and setting, a cache derived from the coded comments like fft_monthly:
-- the Themes page reads these instead of walking every response, answer and code. Kept current by the importer,
-- the review queue, recode and paper-card removal; rebuilt from the raw tables by `heard rebuild`. Independent of 0005.
-- A comment counts once per label however many codes of that label it carries (a reviewer may add one back).
CREATE TABLE "theme_monthly" (
    "unit_id" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "setting" TEXT NULL,
    "label" TEXT NOT NULL,
    "trust_id" INTEGER NOT NULL,
    "category" TEXT NULL,
    "comments" INTEGER NOT NULL,
    "sentiment_count" INTEGER NOT NULL,
    "sentiment_sum" INTEGER NOT NULL,
    "positive" INTEGER NOT NULL,
    "negative" INTEGER NOT NULL
);
-- Feedback of sources other than FFT has no setting: the key treats a missing setting as one value.
CREATE UNIQUE INDEX "ix_theme_monthly_key" ON "theme_monthly" ("unit_id", "month", "source", (COALESCE("setting", '')), "label");
CREATE INDEX "ix_theme_monthly_trust_id_month" ON "theme_monthly" ("trust_id", "month");

-- Comments carrying at least one code: the denominator of a theme's share.
CREATE TABLE "coded_monthly" (
    "unit_id" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "setting" TEXT NULL,
    "trust_id" INTEGER NOT NULL,
    "coded" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "ix_coded_monthly_key" ON "coded_monthly" ("unit_id", "month", "source", (COALESCE("setting", '')));
CREATE INDEX "ix_coded_monthly_trust_id_month" ON "coded_monthly" ("trust_id", "month");

INSERT INTO "theme_monthly" ("unit_id", "month", "source", "setting", "label", "trust_id", "category", "comments", "sentiment_count", "sentiment_sum", "positive", "negative")
SELECT f."unit_id", f."month", f."source", f."setting", c."label", MIN(f."trust_id"), MAX(c."category"), COUNT(*), COUNT(a."sentiment"), COALESCE(SUM(a."sentiment"), 0),
    SUM(CASE WHEN a."sentiment" IN (1, 2) THEN 1 ELSE 0 END), SUM(CASE WHEN a."sentiment" IN (4, 5) THEN 1 ELSE 0 END)
FROM (SELECT "feedback_answer_id", "label", MAX("category") AS "category" FROM "comment_code" WHERE "removed_at" IS NULL GROUP BY "feedback_answer_id", "label") c
JOIN "feedback_answer" a ON a."id" = c."feedback_answer_id"
JOIN "feedback" f ON f."id" = a."feedback_record_id"
WHERE a."text" IS NOT NULL
GROUP BY f."unit_id", f."month", f."source", f."setting", c."label";

INSERT INTO "coded_monthly" ("unit_id", "month", "source", "setting", "trust_id", "coded")
SELECT f."unit_id", f."month", f."source", f."setting", MIN(f."trust_id"), COUNT(*)
FROM "feedback_answer" a JOIN "feedback" f ON f."id" = a."feedback_record_id"
WHERE a."text" IS NOT NULL AND EXISTS (SELECT 1 FROM "comment_code" c WHERE c."feedback_answer_id" = a."id" AND c."removed_at" IS NULL)
GROUP BY f."unit_id", f."month", f."source", f."setting";
