-- 0023: a report builder template may report on chosen units rather than a whole trust or division, and over a fixed
-- range of months rather than the latest closed month or quarter. Null keeps the earlier meaning.
-- comma-separated unit ids; null for the whole trust or division
ALTER TABLE "report_template" ADD COLUMN "unit_ids" TEXT NULL;
-- first and last month (yyyymm) of a template whose period is a range of months
ALTER TABLE "report_template" ADD COLUMN "from_month" INTEGER NULL;
ALTER TABLE "report_template" ADD COLUMN "to_month" INTEGER NULL;
