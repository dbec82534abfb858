-- 0012: early-warning alerts. Evaluated from the monthly aggregates (fft_monthly, source_monthly, theme_monthly) daily
-- and after each import; one alert per unit, metric, theme and month, so evaluating again never raises it twice.
-- Each has an owner (the ward manager, else the trust's PX lead) who acknowledges and resolves it with a note.
-- Counts and figures only: no comment text, no patient data.
CREATE TABLE "early_warning_alert" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_early_warning_alert" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    -- The theme, for theme alerts; empty otherwise (never null, so it can be part of the key).
    "theme" TEXT NOT NULL DEFAULT '',
    "month" INTEGER NOT NULL,
    "explanation" TEXT NOT NULL,
    -- The links to the evidence (the SPC chart, the comments behind it) as a JSON array of {label, href}.
    "evidence" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "reference" REAL NOT NULL,
    "raised_at" TEXT NOT NULL,
    "owner_user_id" TEXT NULL,
    -- When the alert was first in its owner's daily digest; null while it is new.
    "notified_at" TEXT NULL,
    "acknowledged_at" TEXT NULL,
    "acknowledged_by" TEXT NULL,
    "resolved_at" TEXT NULL,
    "resolved_by" TEXT NULL,
    "resolution_note" TEXT NULL,
    CONSTRAINT "fk_early_warning_alert_unit_unit_id" FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_early_warning_alert_unit_id_metric_theme_month" ON "early_warning_alert" ("unit_id", "metric", "theme", "month");
-- The inbox: a trust's open alerts first, newest first.
CREATE INDEX "ix_early_warning_alert_trust_id_resolved_at_raised_at" ON "early_warning_alert" ("trust_id", "resolved_at", "raised_at");
CREATE INDEX "ix_early_warning_alert_owner_user_id" ON "early_warning_alert" ("owner_user_id");
