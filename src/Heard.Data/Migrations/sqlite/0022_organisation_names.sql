-- 0022: the names a site, division or directorate has had. A unit's placement is versioned in unit_version by id, so a
-- renamed division keeps its units' history; this table keeps what the division was called at each date, so a unit's
-- history and reports for earlier months can say "Surgery (then called Surgical Care)". An entity with no rows here has
-- only ever had its current name.
CREATE TABLE "organisation_name" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_organisation_name" PRIMARY KEY AUTOINCREMENT,
    "level" TEXT NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "code" TEXT NULL,
    "valid_from" TEXT NOT NULL,
    "valid_to" TEXT NULL,
    "changed_by" TEXT NULL,
    "changed_at" TEXT NOT NULL
);

CREATE INDEX "ix_organisation_name_level_entity_id_valid_from" ON "organisation_name" ("level", "entity_id", "valid_from");
