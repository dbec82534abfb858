-- 0005: safeguarding alerts. A comment that suggests abuse, neglect, self-harm, suicide, violence or a serious clinical
-- concern raises an alert as it is stored, routed to the trust's named safeguarding lead; acknowledging and closing it
-- record who and when. Notifications wait in an outbox until a mail relay (or the pickup folder) takes them.
ALTER TABLE "trust" ADD COLUMN "safeguarding_lead_user_id" TEXT NULL;

CREATE TABLE "safeguarding_alert" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_safeguarding_alert" PRIMARY KEY AUTOINCREMENT,
    "feedback_record_id" INTEGER NOT NULL,
    "feedback_answer_id" INTEGER NOT NULL,
    "trust_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    -- The words that raised it, never the whole comment: the list can show it to roles without identifiable data.
    "matched_text" TEXT NOT NULL,
    "match_start" INTEGER NOT NULL,
    "raised_at" TEXT NOT NULL,
    "lead_user_id" TEXT NULL,
    "notified_at" TEXT NULL,
    "acknowledged_at" TEXT NULL,
    "acknowledged_by" TEXT NULL,
    "outcome" TEXT NULL,
    "note" TEXT NULL,
    "closed_at" TEXT NULL,
    "closed_by" TEXT NULL,
    CONSTRAINT "fk_safeguarding_alert_feedback_answer_feedback_answer_id" FOREIGN KEY ("feedback_answer_id") REFERENCES "feedback_answer" ("id") ON DELETE CASCADE
);
-- One alert per comment and category, so storing a comment twice (a resumed import) never raises it twice.
CREATE UNIQUE INDEX "ix_safeguarding_alert_feedback_answer_id_category" ON "safeguarding_alert" ("feedback_answer_id", "category");
-- The open-alert list: a trust's alerts not yet closed, newest first.
CREATE INDEX "ix_safeguarding_alert_trust_id_closed_at_raised_at" ON "safeguarding_alert" ("trust_id", "closed_at", "raised_at");
CREATE INDEX "ix_safeguarding_alert_notified_at" ON "safeguarding_alert" ("notified_at");

CREATE TABLE "notification" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_notification" PRIMARY KEY AUTOINCREMENT,
    "recipient" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "sent_at" TEXT NULL
);
CREATE INDEX "ix_notification_sent_at" ON "notification" ("sent_at");
