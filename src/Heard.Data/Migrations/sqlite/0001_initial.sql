-- 0001: initial schema (organisation, feedback store, imports, identity, audit). Generated once from the model, then kept by hand.
CREATE TABLE "app_role" (
    "id" TEXT NOT NULL CONSTRAINT "pk_app_role" PRIMARY KEY,
    "name" TEXT NULL,
    "normalized_name" TEXT NULL,
    "concurrency_stamp" TEXT NULL
);


CREATE TABLE "app_user" (
    "id" TEXT NOT NULL CONSTRAINT "pk_app_user" PRIMARY KEY,
    "display_name" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL
);


CREATE TABLE "audit_entry" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_audit_entry" PRIMARY KEY AUTOINCREMENT,
    "at" TEXT NOT NULL,
    "user_name" TEXT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT NULL,
    "detail" TEXT NULL
);


CREATE TABLE "contact_detail" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_contact_detail" PRIMARY KEY AUTOINCREMENT,
    "feedback_record_id" INTEGER NOT NULL,
    "name" TEXT NULL,
    "email" TEXT NULL,
    "phone" TEXT NULL,
    "address" TEXT NULL,
    "created_at" TEXT NOT NULL
);


CREATE TABLE "eligible_count" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_eligible_count" PRIMARY KEY AUTOINCREMENT,
    "month" INTEGER NOT NULL,
    "setting" TEXT NOT NULL,
    "trust_id" INTEGER NOT NULL,
    "site_id" INTEGER NULL,
    "unit_id" INTEGER NULL,
    "count" INTEGER NOT NULL,
    "import_batch_id" INTEGER NULL
);


CREATE TABLE "feedback" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_feedback" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "setting" TEXT NULL,
    "mode" TEXT NULL,
    "received_on" TEXT NOT NULL,
    "month" INTEGER NOT NULL,
    "fft_answer" INTEGER NULL,
    "external_id" TEXT NULL,
    "dedupe_key" TEXT NOT NULL,
    "consent_to_publish" INTEGER NULL,
    "consent_to_contact" INTEGER NULL,
    "demographics_json" TEXT NULL,
    "details_json" TEXT NULL,
    "imported_row_id" INTEGER NULL,
    "created_at" TEXT NOT NULL
);


CREATE TABLE "fft_monthly" (
    "unit_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "setting" TEXT NOT NULL,
    "trust_id" INTEGER NOT NULL,
    "very_good" INTEGER NOT NULL,
    "good" INTEGER NOT NULL,
    "neither" INTEGER NOT NULL,
    "poor" INTEGER NOT NULL,
    "very_poor" INTEGER NOT NULL,
    "dont_know" INTEGER NOT NULL,
    "no_rating" INTEGER NOT NULL,
    "mode_sms" INTEGER NOT NULL,
    "mode_electronic_discharge" INTEGER NOT NULL,
    "mode_electronic_home" INTEGER NOT NULL,
    "mode_paper_discharge" INTEGER NOT NULL,
    "mode_paper_home" INTEGER NOT NULL,
    "mode_telephone" INTEGER NOT NULL,
    "mode_online" INTEGER NOT NULL,
    "mode_other" INTEGER NOT NULL,
    "comments" INTEGER NOT NULL,
    CONSTRAINT "pk_fft_monthly" PRIMARY KEY ("unit_id", "site_id", "month", "setting")
);


CREATE TABLE "icb" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_icb" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL
);


CREATE TABLE "import_batch" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_import_batch" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "file_sha256" TEXT NOT NULL,
    "header_line" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "started_at" TEXT NOT NULL,
    "completed_at" TEXT NULL,
    "rows_committed" INTEGER NOT NULL,
    "imported" INTEGER NOT NULL,
    "rejected" INTEGER NOT NULL,
    "duplicates" INTEGER NOT NULL,
    "started_by" TEXT NULL
);


CREATE TABLE "imported_row" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_imported_row" PRIMARY KEY AUTOINCREMENT,
    "import_batch_id" INTEGER NOT NULL,
    "row_number" INTEGER NOT NULL,
    "raw_text" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT NULL,
    "corrected_text" TEXT NULL,
    "corrected_by" TEXT NULL,
    "corrected_at" TEXT NULL,
    "feedback_record_id" INTEGER NULL
);


CREATE TABLE "source_monthly" (
    "unit_id" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "trust_id" INTEGER NOT NULL,
    "records" INTEGER NOT NULL,
    CONSTRAINT "pk_source_monthly" PRIMARY KEY ("unit_id", "month", "source")
);


CREATE TABLE "unit_alias" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_unit_alias" PRIMARY KEY AUTOINCREMENT,
    "unit_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL
);


CREATE TABLE "unit_version" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_unit_version" PRIMARY KEY AUTOINCREMENT,
    "unit_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "site_id" INTEGER NOT NULL,
    "division_id" INTEGER NULL,
    "directorate_id" INTEGER NULL,
    "valid_from" TEXT NOT NULL,
    "valid_to" TEXT NULL
);


CREATE TABLE "user_scope" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_user_scope" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "scope_id" INTEGER NULL
);


CREATE TABLE "app_role_claim" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_app_role_claim" PRIMARY KEY AUTOINCREMENT,
    "role_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_app_role_claim_app_role_role_id" FOREIGN KEY ("role_id") REFERENCES "app_role" ("id") ON DELETE CASCADE
);


CREATE TABLE "app_user_claim" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_app_user_claim" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_app_user_claim_app_user_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE
);


CREATE TABLE "app_user_login" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_app_user_login" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "fk_app_user_login_app_user_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE
);


CREATE TABLE "app_user_role" (
    "user_id" TEXT NOT NULL,
    "role_id" TEXT NOT NULL,
    CONSTRAINT "pk_app_user_role" PRIMARY KEY ("user_id", "role_id"),
    CONSTRAINT "fk_app_user_role_app_role_role_id" FOREIGN KEY ("role_id") REFERENCES "app_role" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_app_user_role_app_user_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE
);


CREATE TABLE "app_user_token" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_app_user_token" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "fk_app_user_token_app_user_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE
);


CREATE TABLE "feedback_answer" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_feedback_answer" PRIMARY KEY AUTOINCREMENT,
    "feedback_record_id" INTEGER NOT NULL,
    "question_key" TEXT NOT NULL,
    "rating" INTEGER NULL,
    "text" TEXT NULL,
    CONSTRAINT "fk_feedback_answer_feedback_feedback_record_id" FOREIGN KEY ("feedback_record_id") REFERENCES "feedback" ("id") ON DELETE CASCADE
);


CREATE TABLE "trust" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_trust" PRIMARY KEY AUTOINCREMENT,
    "ods_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "icb_id" INTEGER NULL,
    CONSTRAINT "fk_trust_icb_icb_id" FOREIGN KEY ("icb_id") REFERENCES "icb" ("id")
);


CREATE TABLE "division" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_division" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "fk_division_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);


CREATE TABLE "site" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_site" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "fk_site_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);


CREATE TABLE "directorate" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_directorate" PRIMARY KEY AUTOINCREMENT,
    "division_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "fk_directorate_division_division_id" FOREIGN KEY ("division_id") REFERENCES "division" ("id") ON DELETE CASCADE
);


CREATE TABLE "unit" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_unit" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "site_id" INTEGER NOT NULL,
    "division_id" INTEGER NULL,
    "directorate_id" INTEGER NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "first_speciality" TEXT NULL,
    "second_speciality" TEXT NULL,
    "closed_on" TEXT NULL,
    "merged_into_unit_id" INTEGER NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_unit_directorate_directorate_id" FOREIGN KEY ("directorate_id") REFERENCES "directorate" ("id"),
    CONSTRAINT "fk_unit_division_division_id" FOREIGN KEY ("division_id") REFERENCES "division" ("id"),
    CONSTRAINT "fk_unit_site_site_id" FOREIGN KEY ("site_id") REFERENCES "site" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_unit_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "role_name_index" ON "app_role" ("normalized_name");


CREATE INDEX "ix_app_role_claim_role_id" ON "app_role_claim" ("role_id");


CREATE INDEX "email_index" ON "app_user" ("normalized_email");


CREATE UNIQUE INDEX "user_name_index" ON "app_user" ("normalized_user_name");


CREATE INDEX "ix_app_user_claim_user_id" ON "app_user_claim" ("user_id");


CREATE INDEX "ix_app_user_login_user_id" ON "app_user_login" ("user_id");


CREATE INDEX "ix_app_user_role_role_id" ON "app_user_role" ("role_id");


CREATE INDEX "ix_audit_entry_at" ON "audit_entry" ("at");


CREATE INDEX "ix_contact_detail_feedback_record_id" ON "contact_detail" ("feedback_record_id");


CREATE UNIQUE INDEX "ix_directorate_division_id_name" ON "directorate" ("division_id", "name");


CREATE UNIQUE INDEX "ix_division_trust_id_name" ON "division" ("trust_id", "name");


CREATE INDEX "ix_eligible_count_month_setting_trust_id_site_id_unit_id" ON "eligible_count" ("month", "setting", "trust_id", "site_id", "unit_id");


CREATE INDEX "ix_feedback_trust_id_received_on" ON "feedback" ("trust_id", "received_on");


CREATE UNIQUE INDEX "ix_feedback_trust_id_source_dedupe_key" ON "feedback" ("trust_id", "source", "dedupe_key");


CREATE INDEX "ix_feedback_unit_id_received_on" ON "feedback" ("unit_id", "received_on");


CREATE INDEX "ix_feedback_answer_feedback_record_id" ON "feedback_answer" ("feedback_record_id");


CREATE INDEX "ix_fft_monthly_trust_id_month" ON "fft_monthly" ("trust_id", "month");


CREATE UNIQUE INDEX "ix_icb_code" ON "icb" ("code");


CREATE INDEX "ix_import_batch_file_sha256" ON "import_batch" ("file_sha256");


CREATE INDEX "ix_imported_row_import_batch_id_row_number" ON "imported_row" ("import_batch_id", "row_number");


CREATE INDEX "ix_imported_row_status" ON "imported_row" ("status");


CREATE UNIQUE INDEX "ix_site_trust_id_code" ON "site" ("trust_id", "code");


CREATE INDEX "ix_source_monthly_trust_id_month" ON "source_monthly" ("trust_id", "month");


CREATE INDEX "ix_trust_icb_id" ON "trust" ("icb_id");


CREATE UNIQUE INDEX "ix_trust_ods_code" ON "trust" ("ods_code");


CREATE INDEX "ix_unit_directorate_id" ON "unit" ("directorate_id");


CREATE INDEX "ix_unit_division_id" ON "unit" ("division_id");


CREATE INDEX "ix_unit_site_id_name" ON "unit" ("site_id", "name");


CREATE UNIQUE INDEX "ix_unit_trust_id_code" ON "unit" ("trust_id", "code");


CREATE UNIQUE INDEX "ix_unit_alias_site_id_alias" ON "unit_alias" ("site_id", "alias");


CREATE INDEX "ix_unit_version_unit_id_valid_from" ON "unit_version" ("unit_id", "valid_from");


CREATE INDEX "ix_user_scope_user_id" ON "user_scope" ("user_id");


