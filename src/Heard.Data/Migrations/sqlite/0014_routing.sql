-- 0014: routing feedback to the people who can act on it, and replying to it. A team (Catering, Estates, Patient
-- Advice) has members and a mailbox; a routing rule matches comments by theme, place, keyword, source and sentiment and
-- sends them to a team, a person and/or the unit's ward manager. Each comment reaches each target once (routed_item,
-- unique on the comment and target) and waits there to be acknowledged. routing_mark is how far routing has read, so
-- each pass reads only what arrived since the last. feedback_reply holds replies to the person (sent by email through
-- the notification outbox) and public replies to online reviews, which a second person approves before publishing.
-- Independent of 0012, 0013 and 0015.
CREATE TABLE "team" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_team" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NULL,
    "created_at" TEXT NOT NULL
);
CREATE UNIQUE INDEX "ix_team_trust_id_name" ON "team" ("trust_id", "name");

CREATE TABLE "team_member" (
    "team_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "added_at" TEXT NOT NULL,
    CONSTRAINT "pk_team_member" PRIMARY KEY ("team_id", "user_id"),
    CONSTRAINT "fk_team_member_team_team_id" FOREIGN KEY ("team_id") REFERENCES "team" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_team_member_user_id" ON "team_member" ("user_id");

CREATE TABLE "routing_rule" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_routing_rule" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "theme" TEXT NULL,
    "unit_id" INTEGER NULL,
    "division_id" INTEGER NULL,
    "site_id" INTEGER NULL,
    "keyword" TEXT NULL,
    "source" TEXT NULL,
    "sentiment" TEXT NULL,
    "target_team_id" INTEGER NULL,
    "target_user_id" TEXT NULL,
    "target_ward_manager" INTEGER NOT NULL,
    "is_active" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL
);
CREATE INDEX "ix_routing_rule_trust_id" ON "routing_rule" ("trust_id");

CREATE TABLE "routed_item" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_routed_item" PRIMARY KEY AUTOINCREMENT,
    "feedback_record_id" INTEGER NOT NULL,
    "feedback_answer_id" INTEGER NOT NULL,
    "trust_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "routing_rule_id" INTEGER NOT NULL,
    "target_kind" TEXT NOT NULL,
    "target_key" TEXT NOT NULL,
    "team_id" INTEGER NULL,
    "user_id" TEXT NULL,
    "routed_at" TEXT NOT NULL,
    "notified_at" TEXT NULL,
    "acknowledged_at" TEXT NULL,
    "acknowledged_by" TEXT NULL,
    "note" TEXT NULL,
    CONSTRAINT "fk_routed_item_feedback_answer_feedback_answer_id" FOREIGN KEY ("feedback_answer_id") REFERENCES "feedback_answer" ("id") ON DELETE CASCADE
);
-- Routed once: a comment reaches a target once, however many rules (or passes) send it there.
CREATE UNIQUE INDEX "ix_routed_item_feedback_answer_id_target_key" ON "routed_item" ("feedback_answer_id", "target_key");
-- The inbox: a target's items, unacknowledged first.
CREATE INDEX "ix_routed_item_target_key_acknowledged_at" ON "routed_item" ("target_key", "acknowledged_at");
CREATE INDEX "ix_routed_item_feedback_record_id" ON "routed_item" ("feedback_record_id");
CREATE INDEX "ix_routed_item_notified_at" ON "routed_item" ("notified_at");

CREATE TABLE "routing_mark" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_routing_mark" PRIMARY KEY AUTOINCREMENT,
    "last_feedback_answer_id" INTEGER NOT NULL,
    "catch_up_from_answer_id" INTEGER NOT NULL,
    "last_run_at" TEXT NULL,
    "last_catch_up_at" TEXT NULL
);
-- Routing starts from what is stored now: rules apply to comments that arrive after them, not to years of history.
INSERT INTO "routing_mark" ("id", "last_feedback_answer_id", "catch_up_from_answer_id")
SELECT 1, COALESCE(MAX("id"), 0), COALESCE(MAX("id"), 0) FROM "feedback_answer";

CREATE TABLE "feedback_reply" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_feedback_reply" PRIMARY KEY AUTOINCREMENT,
    "feedback_record_id" INTEGER NOT NULL,
    "trust_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "written_by" TEXT NOT NULL,
    "written_at" TEXT NOT NULL,
    "notification_id" INTEGER NULL,
    "approved_by" TEXT NULL,
    "approved_at" TEXT NULL,
    CONSTRAINT "fk_feedback_reply_feedback_feedback_record_id" FOREIGN KEY ("feedback_record_id") REFERENCES "feedback" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_feedback_reply_feedback_record_id" ON "feedback_reply" ("feedback_record_id");
CREATE INDEX "ix_feedback_reply_kind_status" ON "feedback_reply" ("kind", "status");
