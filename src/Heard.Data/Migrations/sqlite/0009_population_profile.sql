-- 0009: the make-up of the population a trust, site or unit serves, by characteristic and group (shares of 1), imported
-- so the Equality page can set respondents against it and show which groups are seldom heard.
CREATE TABLE "population_profile" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_population_profile" PRIMARY KEY AUTOINCREMENT,
    "trust_id" INTEGER NOT NULL,
    -- trust, site or unit; scope_id is that trust's, site's or unit's id.
    "level" TEXT NOT NULL,
    "scope_id" INTEGER NOT NULL,
    "characteristic" TEXT NOT NULL,
    "group_name" TEXT NOT NULL,
    "share" REAL NOT NULL,
    "people_count" INTEGER NULL,
    "imported_at" TEXT NOT NULL,
    "imported_by" TEXT NULL,
    CONSTRAINT "fk_population_profile_trust_trust_id" FOREIGN KEY ("trust_id") REFERENCES "trust" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ix_population_profile_level_scope_id_characteristic_group_name" ON "population_profile" ("level", "scope_id", "characteristic", "group_name");
CREATE INDEX "ix_population_profile_trust_id" ON "population_profile" ("trust_id");
