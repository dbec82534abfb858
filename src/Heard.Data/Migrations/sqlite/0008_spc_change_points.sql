-- 0008: change points on SPC charts. Staff mark the date a change went live (e.g. a new discharge lounge) on one
-- scope's chart of one metric; the chart starts a new mean and limits from that date. Counts only, no patient data.
CREATE TABLE "spc_change_point" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_spc_change_point" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    "division_id" INTEGER NULL,
    "unit_id" INTEGER NULL,
    "metric" TEXT NOT NULL,
    "theme" TEXT NOT NULL DEFAULT '',
    "effective_on" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_spc_change_point_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);
-- A chart reads its trust's change points for one metric, then picks its own scope.
CREATE INDEX "ix_spc_change_point_trust_id_metric" ON "spc_change_point" ("trust_id", "metric");
