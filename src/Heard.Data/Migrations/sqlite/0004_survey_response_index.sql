-- 0004: the survey register counts responses per survey version; without this it reads every response.
CREATE INDEX "ix_feedback_survey_version_id" ON "feedback" ("survey_version_id");
