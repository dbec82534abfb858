-- 0021: report builder templates. A template keeps a person's choices (trust or division, monthly or quarterly, sources,
-- sections) and a share token, so anyone with access to the whole trust or division can run it for themselves.
CREATE TABLE "report_template" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_report_template" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "trust_id" INTEGER NOT NULL,
    "division_id" INTEGER NULL,
    -- monthly or quarterly
    "period" TEXT NOT NULL,
    -- comma-separated feedback source keys and report section keys
    "sources" TEXT NOT NULL,
    "sections" TEXT NOT NULL,
    "share_token" TEXT NOT NULL,
    CONSTRAINT "fk_report_template_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_report_template_division_division_id" FOREIGN KEY ("division_id") REFERENCES "division" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_report_template_share_token" ON "report_template" ("share_token");
CREATE INDEX "ix_report_template_trust_id" ON "report_template" ("trust_id");
