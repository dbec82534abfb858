-- 0018: board and committee reports. A version is archived whole (parameters, narratives, figures as JSON, when it was
-- generated) and never changed, so a past board paper reads as it was presented. Schedules archive a version when each
-- month or quarter closes.
CREATE TABLE "board_report_schedule" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_board_report_schedule" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "division_id" INTEGER NULL,
    -- monthly or quarterly
    "period" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "last_archived_to_month" INTEGER NULL,
    CONSTRAINT "fk_board_report_schedule_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_board_report_schedule_division_division_id" FOREIGN KEY ("division_id") REFERENCES "division" ("id")
);
CREATE INDEX "ix_board_report_schedule_trust_id" ON "board_report_schedule" ("trust_id");

CREATE TABLE "board_report_version" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_board_report_version" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "division_id" INTEGER NULL,
    "period" TEXT NOT NULL,
    "from_month" INTEGER NOT NULL,
    "to_month" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "narratives_json" TEXT NOT NULL,
    "figures_json" TEXT NOT NULL,
    "generated_at" TEXT NOT NULL,
    "saved_by" TEXT NOT NULL,
    "schedule_id" INTEGER NULL,
    CONSTRAINT "fk_board_report_version_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_board_report_version_division_division_id" FOREIGN KEY ("division_id") REFERENCES "division" ("id"),
    CONSTRAINT "fk_board_report_version_board_report_schedule_schedule_id" FOREIGN KEY ("schedule_id") REFERENCES "board_report_schedule" ("id") ON DELETE SET NULL
);
CREATE INDEX "ix_board_report_version_trust_id_division_id_to_month" ON "board_report_version" ("trust_id", "division_id", "to_month");
