-- 0010: other quality measures (safety, staffing, staff experience) by unit and month, to set beside patient experience.
-- A measure is a row of quality_measure, not a column, so a trust adds one (a new safety metric, a local staffing
-- figure) with an INSERT and no schema change. Values are never overwritten: a newer value for the same unit, month and
-- measure marks the older one superseded, so history is kept and the current figure is the one row not superseded.
-- Each value points to the imported_row it came from, kept verbatim like every other import. Independent of 0008/0009.
CREATE TABLE "quality_measure" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_quality_measure" PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit_of_measure" TEXT NOT NULL,
    "improvement_direction" TEXT NOT NULL,
    "minimum" REAL NULL,
    "maximum" REAL NULL,
    "description" TEXT NULL,
    "sort_order" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "ix_quality_measure_key" ON "quality_measure" ("key");

CREATE TABLE "quality_value" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_quality_value" PRIMARY KEY AUTOINCREMENT,
    "quality_measure_id" INTEGER NOT NULL,
    "trust_id" INTEGER NOT NULL,
    "unit_id" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "value" REAL NOT NULL,
    "channel" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    "recorded_by" TEXT NULL,
    "imported_row_id" INTEGER NULL,
    "superseded_at" TEXT NULL
);
-- One current value per unit, month and measure; superseded rows are history.
CREATE UNIQUE INDEX "ix_quality_value_current" ON "quality_value" ("unit_id", "month", "quality_measure_id") WHERE "superseded_at" IS NULL;
CREATE INDEX "ix_quality_value_trust_id_month" ON "quality_value" ("trust_id", "month");

INSERT INTO "quality_measure" ("key", "name", "unit_of_measure", "improvement_direction", "minimum", "maximum", "description", "sort_order") VALUES
('falls', 'Falls', 'count', 'lower', 0, NULL, 'Patient falls reported on the unit in the month', 10),
('pressure_ulcers', 'Pressure ulcers', 'count', 'lower', 0, NULL, 'Pressure ulcers acquired on the unit in the month (category 2 and above)', 20),
('incidents', 'Patient safety incidents', 'count', 'neither', 0, NULL, 'Patient safety incidents reported on the unit in the month (more reporting can mean a healthier reporting culture)', 30),
('staffing_fill_rate', 'Staffing fill rate', '%', 'higher', 0, NULL, 'Actual staff hours as a percentage of planned hours (can be over 100%)', 40),
('vacancy_rate', 'Vacancy rate', '%', 'lower', 0, 100, 'Vacant posts as a percentage of the establishment', 50),
('vacancies_wte', 'Vacancies', 'WTE', 'lower', 0, NULL, 'Vacant posts in whole-time equivalents', 60),
('staff_fft_work', 'Staff FFT: place to work', '%', 'higher', 0, 100, 'Staff who would recommend the unit as a place to work', 70),
('staff_fft_care', 'Staff FFT: place to receive care', '%', 'higher', 0, 100, 'Staff who would recommend the unit''s care to friends or family', 80),
('staff_survey_feedback_used', 'Staff Survey: patient feedback used', '%', 'higher', 0, 100, 'NHS Staff Survey: staff agreeing that patient feedback is used to make informed decisions', 90);
