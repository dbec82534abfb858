-- 0007: the comment index keyed by day received, so searches read newest first without sorting every match.
-- Each entry's rowid is day * 2^32 + answer id (day = Julian day number - 2,440,000), so walking the index backwards is
-- walking comments newest first, and a date range is a rowid range. The index holds no text of its own (contentless):
-- the comment stays in feedback_answer only. Same tokenizer as 0003, so searches match exactly as before.
DROP TRIGGER "feedback_answer_search_insert";
DROP TRIGGER "feedback_answer_search_delete";
DROP TRIGGER "feedback_answer_search_update";
DROP TABLE "comment_search";

CREATE VIRTUAL TABLE "comment_search" USING fts5("text", content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2');
INSERT INTO "comment_search" (rowid, "text")
SELECT (CAST(julianday(f."received_on") AS INTEGER) - 2440000) * 4294967296 + a."id", a."text"
FROM "feedback_answer" a JOIN "feedback" f ON f."id" = a."feedback_record_id"
WHERE a."text" IS NOT NULL;

CREATE TRIGGER "feedback_answer_search_insert" AFTER INSERT ON "feedback_answer" WHEN new."text" IS NOT NULL BEGIN
    INSERT INTO "comment_search" (rowid, "text")
    SELECT (CAST(julianday(f."received_on") AS INTEGER) - 2440000) * 4294967296 + new."id", new."text"
    FROM "feedback" f WHERE f."id" = new."feedback_record_id";
END;

-- An answer is deleted before its response (paper entry's undo); should the response already be gone, the entry is
-- found by its answer id instead, which reads the whole index but only in that rare case.
CREATE TRIGGER "feedback_answer_search_delete" AFTER DELETE ON "feedback_answer" WHEN old."text" IS NOT NULL BEGIN
    DELETE FROM "comment_search" WHERE rowid = (
        SELECT (CAST(julianday(f."received_on") AS INTEGER) - 2440000) * 4294967296 + old."id"
        FROM "feedback" f WHERE f."id" = old."feedback_record_id");
    DELETE FROM "comment_search" WHERE NOT EXISTS (SELECT 1 FROM "feedback" f WHERE f."id" = old."feedback_record_id")
        AND (rowid & 4294967295) = old."id";
END;

CREATE TRIGGER "feedback_answer_search_update" AFTER UPDATE OF "text" ON "feedback_answer" BEGIN
    DELETE FROM "comment_search" WHERE rowid = (
        SELECT (CAST(julianday(f."received_on") AS INTEGER) - 2440000) * 4294967296 + old."id"
        FROM "feedback" f WHERE f."id" = old."feedback_record_id");
    INSERT INTO "comment_search" (rowid, "text")
    SELECT (CAST(julianday(f."received_on") AS INTEGER) - 2440000) * 4294967296 + new."id", new."text"
    FROM "feedback" f WHERE f."id" = new."feedback_record_id" AND new."text" IS NOT NULL;
END;

-- A response's date is corrected rarely, but its comments must move in the index with it.
CREATE TRIGGER "feedback_search_redate" AFTER UPDATE OF "received_on" ON "feedback" BEGIN
    DELETE FROM "comment_search" WHERE rowid IN (
        SELECT (CAST(julianday(old."received_on") AS INTEGER) - 2440000) * 4294967296 + a."id"
        FROM "feedback_answer" a WHERE a."feedback_record_id" = new."id" AND a."text" IS NOT NULL);
    INSERT INTO "comment_search" (rowid, "text")
    SELECT (CAST(julianday(new."received_on") AS INTEGER) - 2440000) * 4294967296 + a."id", a."text"
    FROM "feedback_answer" a WHERE a."feedback_record_id" = new."id" AND a."text" IS NOT NULL;
END;
