-- 0015: quality improvement projects (PDSA cycles, measures on SPC charts, participants, Always Events) and patient
-- partners (the register, invitations to panels and focus groups, and panel reviews scored against a pro-forma).
-- A partner's name and contact are identifiable; a panel review keeps only the redacted text staff confirmed.
CREATE TABLE "improvement_project" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_improvement_project" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "aim" TEXT NOT NULL,
    "lead" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "started_on" TEXT NOT NULL,
    "is_always_event" INTEGER NOT NULL DEFAULT 0,
    "always_event_statement" TEXT NULL,
    "always_event_measure" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_improvement_project_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_improvement_project_trust_id_status" ON "improvement_project" ("trust_id", "status");

-- No rows for a project means it is trust-wide.
CREATE TABLE "improvement_project_unit" (
    "improvement_project_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    CONSTRAINT "pk_improvement_project_unit" PRIMARY KEY ("improvement_project_id", "unit_id"),
    CONSTRAINT "fk_improvement_project_unit_project_id" FOREIGN KEY ("improvement_project_id") REFERENCES "improvement_project" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_improvement_project_unit_unit_unit_id" FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_improvement_project_unit_unit_id" ON "improvement_project_unit" ("unit_id");

CREATE TABLE "patient_partner" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_patient_partner" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "full_name" TEXT NOT NULL,
    "email" TEXT NULL,
    "phone" TEXT NULL,
    "kind" TEXT NOT NULL,
    "interests" TEXT NOT NULL DEFAULT '',
    "availability" TEXT NULL,
    "accessibility_needs" TEXT NULL,
    "consent_given" TEXT NOT NULL,
    "consented_on" TEXT NOT NULL,
    "withdrawn_on" TEXT NULL,
    "withdrawal_note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_patient_partner_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_patient_partner_trust_id" ON "patient_partner" ("trust_id");

-- Exactly one of user_id (staff) and patient_partner_id is set.
CREATE TABLE "improvement_participant" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_improvement_participant" PRIMARY KEY AUTOINCREMENT,
    "improvement_project_id" INTEGER NOT NULL,
    "user_id" TEXT NULL,
    "patient_partner_id" INTEGER NULL,
    "role" TEXT NOT NULL,
    "joined_on" TEXT NOT NULL,
    "hours" REAL NULL,
    CONSTRAINT "fk_improvement_participant_project_id" FOREIGN KEY ("improvement_project_id") REFERENCES "improvement_project" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_improvement_participant_patient_partner_patient_partner_id" FOREIGN KEY ("patient_partner_id") REFERENCES "patient_partner" ("id"),
    CONSTRAINT "ck_improvement_participant_one_person" CHECK (("user_id" IS NULL) <> ("patient_partner_id" IS NULL))
);
CREATE INDEX "ix_improvement_participant_improvement_project_id" ON "improvement_participant" ("improvement_project_id");
CREATE INDEX "ix_improvement_participant_patient_partner_id" ON "improvement_participant" ("patient_partner_id");

CREATE TABLE "pdsa_cycle" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_pdsa_cycle" PRIMARY KEY AUTOINCREMENT,
    "improvement_project_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "plan" TEXT NOT NULL,
    "prediction" TEXT NOT NULL,
    "done" TEXT NULL,
    "study" TEXT NULL,
    "act" TEXT NULL,
    "started_on" TEXT NOT NULL,
    "ended_on" TEXT NULL,
    "is_change" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "fk_pdsa_cycle_improvement_project_improvement_project_id" FOREIGN KEY ("improvement_project_id") REFERENCES "improvement_project" ("id") ON DELETE CASCADE,
    CONSTRAINT "ck_pdsa_cycle_act" CHECK ("act" IS NULL OR "act" IN ('adopt', 'adapt', 'abandon'))
);
CREATE UNIQUE INDEX "ix_pdsa_cycle_improvement_project_id_number" ON "pdsa_cycle" ("improvement_project_id", "number");

CREATE TABLE "improvement_measure" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_improvement_measure" PRIMARY KEY AUTOINCREMENT,
    "improvement_project_id" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "theme" TEXT NOT NULL DEFAULT '',
    "division_id" INTEGER NULL,
    "unit_id" INTEGER NULL,
    CONSTRAINT "fk_improvement_measure_project_id" FOREIGN KEY ("improvement_project_id") REFERENCES "improvement_project" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_improvement_measure_improvement_project_id" ON "improvement_measure" ("improvement_project_id");

CREATE TABLE "always_event_check" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_always_event_check" PRIMARY KEY AUTOINCREMENT,
    "improvement_project_id" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "asked" INTEGER NOT NULL,
    "yes" INTEGER NOT NULL,
    "recorded_by" TEXT NOT NULL,
    CONSTRAINT "fk_always_event_check_project_id" FOREIGN KEY ("improvement_project_id") REFERENCES "improvement_project" ("id") ON DELETE CASCADE,
    CONSTRAINT "ck_always_event_check_counts" CHECK ("asked" > 0 AND "yes" >= 0 AND "yes" <= "asked")
);
CREATE UNIQUE INDEX "ix_always_event_check_improvement_project_id_month" ON "always_event_check" ("improvement_project_id", "month");

CREATE TABLE "involvement_event" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_involvement_event" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "held_on" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_involvement_event_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_involvement_event_trust_id_held_on" ON "involvement_event" ("trust_id", "held_on");

CREATE TABLE "involvement_invitation" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_involvement_invitation" PRIMARY KEY AUTOINCREMENT,
    "involvement_event_id" INTEGER NOT NULL,
    "patient_partner_id" INTEGER NOT NULL,
    "invited_at" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "attended" INTEGER NOT NULL DEFAULT 0,
    "hours" REAL NULL,
    CONSTRAINT "fk_involvement_invitation_event_id" FOREIGN KEY ("involvement_event_id") REFERENCES "involvement_event" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_involvement_invitation_patient_partner_patient_partner_id" FOREIGN KEY ("patient_partner_id") REFERENCES "patient_partner" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_involvement_invitation_event_id_partner_id" ON "involvement_invitation" ("involvement_event_id", "patient_partner_id");
CREATE INDEX "ix_involvement_invitation_patient_partner_id" ON "involvement_invitation" ("patient_partner_id");

CREATE TABLE "review_proforma" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_review_proforma" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "criteria" TEXT NOT NULL,
    CONSTRAINT "fk_review_proforma_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_review_proforma_trust_id" ON "review_proforma" ("trust_id");

CREATE TABLE "panel_review" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_panel_review" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "review_proforma_id" INTEGER NOT NULL,
    "involvement_event_id" INTEGER NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "redacted_text" TEXT NOT NULL,
    "confirmed_by" TEXT NOT NULL,
    "confirmed_at" TEXT NOT NULL,
    CONSTRAINT "fk_panel_review_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_panel_review_review_proforma_review_proforma_id" FOREIGN KEY ("review_proforma_id") REFERENCES "review_proforma" ("id"),
    CONSTRAINT "fk_panel_review_involvement_event_involvement_event_id" FOREIGN KEY ("involvement_event_id") REFERENCES "involvement_event" ("id") ON DELETE SET NULL
);
CREATE INDEX "ix_panel_review_trust_id" ON "panel_review" ("trust_id");

CREATE TABLE "panel_score" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_panel_score" PRIMARY KEY AUTOINCREMENT,
    "panel_review_id" INTEGER NOT NULL,
    "patient_partner_id" INTEGER NULL,
    "criterion" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    CONSTRAINT "fk_panel_score_panel_review_panel_review_id" FOREIGN KEY ("panel_review_id") REFERENCES "panel_review" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_panel_score_patient_partner_patient_partner_id" FOREIGN KEY ("patient_partner_id") REFERENCES "patient_partner" ("id") ON DELETE SET NULL,
    CONSTRAINT "ck_panel_score_score" CHECK ("score" BETWEEN 1 AND 5)
);
CREATE INDEX "ix_panel_score_panel_review_id" ON "panel_score" ("panel_review_id");
