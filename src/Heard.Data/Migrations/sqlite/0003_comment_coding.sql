-- 0003: comment coding and search. Models, the codes each comment carries (by a model or a person), sentiment on
-- each answer, and a full-text index over free-text answers (Porter stemming, kept current by triggers).
CREATE TABLE "text_model" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_text_model" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NULL,
    "name" TEXT NOT NULL,
    "framework" TEXT NOT NULL,
    "version_label" TEXT NOT NULL,
    "is_built_in" INTEGER NOT NULL,
    "is_active" INTEGER NOT NULL,
    "scores_json" TEXT NULL,
    "model_data" BLOB NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL,
    CONSTRAINT "fk_text_model_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_text_model_trust_id" ON "text_model" ("trust_id");

CREATE TABLE "comment_code" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_comment_code" PRIMARY KEY AUTOINCREMENT,
    "feedback_answer_id" INTEGER NOT NULL,
    "feedback_record_id" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "category" TEXT NULL,
    "confidence" REAL NULL,
    "text_model_id" INTEGER NULL,
    "set_by" TEXT NULL,
    "set_at" TEXT NOT NULL,
    "removed_at" TEXT NULL,
    "removed_by" TEXT NULL,
    CONSTRAINT "fk_comment_code_feedback_answer_feedback_answer_id" FOREIGN KEY ("feedback_answer_id") REFERENCES "feedback_answer" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_comment_code_feedback_answer_id" ON "comment_code" ("feedback_answer_id");
CREATE INDEX "ix_comment_code_label_feedback_record_id" ON "comment_code" ("label", "feedback_record_id");

ALTER TABLE "feedback_answer" ADD COLUMN "sentiment" INTEGER NULL;
ALTER TABLE "feedback_answer" ADD COLUMN "sentiment_confidence" REAL NULL;
ALTER TABLE "feedback_answer" ADD COLUMN "text_model_id" INTEGER NULL;
-- How sure the model was overall (lowest margin over its label thresholds): the review queue reads least sure first.
ALTER TABLE "feedback_answer" ADD COLUMN "certainty" REAL NULL;
ALTER TABLE "feedback_answer" ADD COLUMN "reviewed_at" TEXT NULL;
ALTER TABLE "feedback_answer" ADD COLUMN "reviewed_by" TEXT NULL;
CREATE INDEX "ix_feedback_answer_certainty" ON "feedback_answer" ("certainty");

CREATE VIRTUAL TABLE "comment_search" USING fts5("text", content='feedback_answer', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO "comment_search" (rowid, "text") SELECT "id", "text" FROM "feedback_answer" WHERE "text" IS NOT NULL;
CREATE TRIGGER "feedback_answer_search_insert" AFTER INSERT ON "feedback_answer" WHEN new."text" IS NOT NULL BEGIN
    INSERT INTO "comment_search" (rowid, "text") VALUES (new."id", new."text");
END;
CREATE TRIGGER "feedback_answer_search_delete" AFTER DELETE ON "feedback_answer" WHEN old."text" IS NOT NULL BEGIN
    INSERT INTO "comment_search" ("comment_search", rowid, "text") VALUES ('delete', old."id", old."text");
END;
CREATE TRIGGER "feedback_answer_search_update" AFTER UPDATE OF "text" ON "feedback_answer" BEGIN
    INSERT INTO "comment_search" ("comment_search", rowid, "text") SELECT 'delete', old."id", old."text" WHERE old."text" IS NOT NULL;
    INSERT INTO "comment_search" (rowid, "text") SELECT new."id", new."text" WHERE new."text" IS NOT NULL;
END;
