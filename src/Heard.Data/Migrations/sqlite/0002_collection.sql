-- 0002: collection. Surveys with versions, where they run, API clients, and the survey version on each response.
CREATE TABLE "survey" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_survey" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NULL,
    "owner" TEXT NULL,
    "starts_on" TEXT NULL,
    "ends_on" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL,
    CONSTRAINT "fk_survey_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_survey_trust_id" ON "survey" ("trust_id");

CREATE TABLE "survey_version" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_survey_version" PRIMARY KEY AUTOINCREMENT,
    "survey_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "definition_json" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL,
    "published_at" TEXT NULL,
    CONSTRAINT "fk_survey_version_survey_survey_id" FOREIGN KEY ("survey_id") REFERENCES "survey" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_survey_version_survey_id_number" ON "survey_version" ("survey_id", "number");

CREATE TABLE "survey_assignment" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_survey_assignment" PRIMARY KEY AUTOINCREMENT,
    "survey_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "setting" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "starts_on" TEXT NULL,
    "ends_on" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_survey_assignment_survey_survey_id" FOREIGN KEY ("survey_id") REFERENCES "survey" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_survey_assignment_unit_unit_id" FOREIGN KEY ("unit_id") REFERENCES "unit" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_survey_assignment_code" ON "survey_assignment" ("code");
CREATE INDEX "ix_survey_assignment_unit_id" ON "survey_assignment" ("unit_id");

CREATE TABLE "api_client" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_api_client" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NULL,
    "revoked_at" TEXT NULL,
    "last_used_at" TEXT NULL,
    CONSTRAINT "fk_api_client_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_api_client_key_prefix" ON "api_client" ("key_prefix");

ALTER TABLE "feedback" ADD COLUMN "survey_version_id" INTEGER NULL;
