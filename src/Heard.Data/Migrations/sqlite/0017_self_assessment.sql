-- 0017: self-assessment rounds against the patient experience improvement framework (NHS Improvement, 2018). The framework
-- itself (sections, characteristics, lettered requirements) is code, in Heard.Analysis/SelfAssessment; rows name a
-- requirement by its id ("10B"). A round belongs to a trust (division_id NULL) or a division, and is never overwritten.
-- Evidence links to actions are stored by id and label only, so this migration needs nothing from 0013 (actions).
CREATE TABLE "self_assessment_round" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_self_assessment_round" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "division_id" INTEGER NULL,
    "title" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "period_end" TEXT NOT NULL,
    -- draft or complete
    "status" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL,
    "completed_at" TEXT NULL,
    "completed_by" TEXT NULL,
    CONSTRAINT "fk_self_assessment_round_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_self_assessment_round_division_division_id" FOREIGN KEY ("division_id") REFERENCES "division" ("id")
);
CREATE INDEX "ix_self_assessment_round_trust_id_division_id_period_end" ON "self_assessment_round" ("trust_id", "division_id", "period_end");

CREATE TABLE "self_assessment_answer" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_self_assessment_answer" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "requirement_id" TEXT NOT NULL,
    "score" INTEGER NULL CHECK ("score" BETWEEN 0 AND 5),
    "current_position" TEXT NULL,
    "planned_action" TEXT NULL,
    "what_good_looks_like" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    "updated_by" TEXT NULL,
    CONSTRAINT "fk_self_assessment_answer_self_assessment_round_round_id" FOREIGN KEY ("round_id") REFERENCES "self_assessment_round" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_self_assessment_answer_round_id_requirement_id" ON "self_assessment_answer" ("round_id", "requirement_id");

CREATE TABLE "self_assessment_evidence" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_self_assessment_evidence" PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "requirement_id" TEXT NOT NULL,
    -- action, report, survey or link
    "kind" TEXT NOT NULL,
    "target_id" INTEGER NULL,
    "label" TEXT NOT NULL,
    "href" TEXT NOT NULL,
    "added_at" TEXT NOT NULL,
    "added_by" TEXT NULL,
    CONSTRAINT "fk_self_assessment_evidence_self_assessment_round_round_id" FOREIGN KEY ("round_id") REFERENCES "self_assessment_round" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_self_assessment_evidence_round_id_requirement_id" ON "self_assessment_evidence" ("round_id", "requirement_id");
