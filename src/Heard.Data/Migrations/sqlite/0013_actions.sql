-- 0013: improvement actions. An action belongs to a unit (and so its division and trust), has an owner, a due date and
-- a status, and carries dated progress notes, attached files (held here, so they are backed up and authorised with
-- the action), links to its evidence (comments, themes, alerts, complaints, survey results, SPC charts: a kind and a
-- reference, since the things linked live in different tables, some not yet written) and, for "did it work?", the SPC
-- measure it should move and the date the change went live. Each reminder or escalation is recorded once per action
-- and due date, so none is ever sent twice. Independent of 0012 (alerts), 0014 (routing) and 0015.
CREATE TABLE "improvement_action" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_improvement_action" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_user_id" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "metric" TEXT NULL,
    "theme" TEXT NULL,
    "changed_on" TEXT NULL,
    "impact_review" TEXT NULL,
    "impact_summary" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "closed_at" TEXT NULL,
    "closed_by" TEXT NULL,
    CONSTRAINT "fk_improvement_action_unit_unit_id" FOREIGN KEY ("unit_id") REFERENCES "unit" ("id")
);
CREATE INDEX "ix_improvement_action_unit_id_status" ON "improvement_action" ("unit_id", "status");
CREATE INDEX "ix_improvement_action_owner_user_id_status" ON "improvement_action" ("owner_user_id", "status");
-- The reminder job reads live actions by due date.
CREATE INDEX "ix_improvement_action_status_due_on" ON "improvement_action" ("status", "due_on");

CREATE TABLE "action_note" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_action_note" PRIMARY KEY AUTOINCREMENT,
    "improvement_action_id" INTEGER NOT NULL,
    "written_at" TEXT NOT NULL,
    "written_by" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "fk_action_note_improvement_action_improvement_action_id" FOREIGN KEY ("improvement_action_id") REFERENCES "improvement_action" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_action_note_improvement_action_id" ON "action_note" ("improvement_action_id");

CREATE TABLE "action_attachment" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_action_attachment" PRIMARY KEY AUTOINCREMENT,
    "improvement_action_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BLOB NOT NULL,
    "uploaded_at" TEXT NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    CONSTRAINT "fk_action_attachment_improvement_action_improvement_action_id" FOREIGN KEY ("improvement_action_id") REFERENCES "improvement_action" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_action_attachment_improvement_action_id" ON "action_attachment" ("improvement_action_id");

CREATE TABLE "action_evidence" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_action_evidence" PRIMARY KEY AUTOINCREMENT,
    "improvement_action_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "added_at" TEXT NOT NULL,
    "added_by" TEXT NOT NULL,
    CONSTRAINT "fk_action_evidence_improvement_action_improvement_action_id" FOREIGN KEY ("improvement_action_id") REFERENCES "improvement_action" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_action_evidence_improvement_action_id" ON "action_evidence" ("improvement_action_id");
-- "Which actions came from this comment / alert?"
CREATE INDEX "ix_action_evidence_kind_reference" ON "action_evidence" ("kind", "reference");

CREATE TABLE "action_reminder" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_action_reminder" PRIMARY KEY AUTOINCREMENT,
    "improvement_action_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "sent_at" TEXT NOT NULL,
    "sent_to" TEXT NOT NULL,
    CONSTRAINT "fk_action_reminder_improvement_action_improvement_action_id" FOREIGN KEY ("improvement_action_id") REFERENCES "improvement_action" ("id") ON DELETE CASCADE
);
-- Sent once: one reminder of each kind per action and due date.
CREATE UNIQUE INDEX "ix_action_reminder_improvement_action_id_kind_due_on" ON "action_reminder" ("improvement_action_id", "kind", "due_on");
