-- 0016: "You said, we did". A record tells patients what they said to a unit (unit_id) or the whole trust (unit_id
-- null) and what changed: draft, then published (on the public pages), then perhaps withdrawn (kept, not shown). It
-- links to the improvement actions behind it and may quote a few comments whose respondents consented to publication;
-- a quote keeps the answer's id so consent is checked every time it is shown. Each monthly staff digest is recorded
-- once per month, trust and person, so none is sent twice. Independent of 0017 (self-assessment).
CREATE TABLE "you_said_we_did" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_you_said_we_did" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "unit_id" INTEGER NULL,
    "title" TEXT NOT NULL,
    "you_said" TEXT NOT NULL,
    "we_did" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "published_at" TEXT NULL,
    "published_by" TEXT NULL,
    "withdrawn_at" TEXT NULL,
    "withdrawn_by" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL,
    CONSTRAINT "fk_you_said_we_did_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id"),
    CONSTRAINT "fk_you_said_we_did_unit_unit_id" FOREIGN KEY ("unit_id") REFERENCES "unit" ("id")
);
-- The public pages read a trust's or a unit's published records.
CREATE INDEX "ix_you_said_we_did_trust_id_unit_id_status" ON "you_said_we_did" ("trust_id", "unit_id", "status");
-- The digest reads what was published in a month.
CREATE INDEX "ix_you_said_we_did_status_published_at" ON "you_said_we_did" ("status", "published_at");

CREATE TABLE "you_said_we_did_action" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_you_said_we_did_action" PRIMARY KEY AUTOINCREMENT,
    "you_said_we_did_record_id" INTEGER NOT NULL,
    "improvement_action_id" INTEGER NOT NULL,
    "added_at" TEXT NOT NULL,
    "added_by" TEXT NOT NULL,
    CONSTRAINT "fk_you_said_we_did_action_record" FOREIGN KEY ("you_said_we_did_record_id") REFERENCES "you_said_we_did" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_you_said_we_did_action_action" FOREIGN KEY ("improvement_action_id") REFERENCES "improvement_action" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_you_said_we_did_action_record_id_action_id" ON "you_said_we_did_action" ("you_said_we_did_record_id", "improvement_action_id");
-- "Which records report on this action?" on the action's page.
CREATE INDEX "ix_you_said_we_did_action_improvement_action_id" ON "you_said_we_did_action" ("improvement_action_id");

CREATE TABLE "you_said_we_did_quote" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_you_said_we_did_quote" PRIMARY KEY AUTOINCREMENT,
    "you_said_we_did_record_id" INTEGER NOT NULL,
    "feedback_answer_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "added_at" TEXT NOT NULL,
    "added_by" TEXT NOT NULL,
    CONSTRAINT "fk_you_said_we_did_quote_record" FOREIGN KEY ("you_said_we_did_record_id") REFERENCES "you_said_we_did" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_you_said_we_did_quote_answer" FOREIGN KEY ("feedback_answer_id") REFERENCES "feedback_answer" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_you_said_we_did_quote_record_id_answer_id" ON "you_said_we_did_quote" ("you_said_we_did_record_id", "feedback_answer_id");

CREATE TABLE "you_said_we_did_digest" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_you_said_we_did_digest" PRIMARY KEY AUTOINCREMENT,
    "month" INTEGER NOT NULL,
    "trust_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "queued_at" TEXT NOT NULL
);
CREATE UNIQUE INDEX "ix_you_said_we_did_digest_month_trust_id_user_id" ON "you_said_we_did_digest" ("month", "trust_id", "user_id");
