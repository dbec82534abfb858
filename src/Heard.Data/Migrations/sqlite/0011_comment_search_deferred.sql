-- 0011: a file import indexes its comments for search in large sorted batches instead of one by one.
-- The index is keyed by day received (0007), and a file's rows arrive in any date order. FTS5 must write out its
-- in-memory segment whenever a rowid is lower than the one before, so indexing a file's comments in file order
-- wrote one tiny segment per comment or two and then spent most of a large import merging them (about 60 s of a
-- 1,000,000-row import). Now, while a row of comment_search_deferral exists, stored comments are queued in
-- comment_search_pending; the importer indexes the queue in rowid order every few tens of thousands of comments.
-- The importer inserts the deferral row at the start of each of its transactions and deletes it before committing,
-- so no other connection ever sees it: every other writer (survey pages, paper entry, the provider API) still
-- indexes each comment as it is stored. A queue left by an interrupted import is indexed at the next start.
CREATE TABLE "comment_search_deferral" ("id" INTEGER NOT NULL PRIMARY KEY);
CREATE TABLE "comment_search_pending" ("answer_id" INTEGER NOT NULL PRIMARY KEY);

DROP TRIGGER "feedback_answer_search_insert";
CREATE TRIGGER "feedback_answer_search_insert" AFTER INSERT ON "feedback_answer"
WHEN new."text" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "comment_search_deferral") BEGIN
    INSERT INTO "comment_search" (rowid, "text")
    SELECT (CAST(julianday(f."received_on") AS INTEGER) - 2440000) * 4294967296 + new."id", new."text"
    FROM "feedback" f WHERE f."id" = new."feedback_record_id";
END;

CREATE TRIGGER "feedback_answer_search_defer" AFTER INSERT ON "feedback_answer"
WHEN new."text" IS NOT NULL AND EXISTS (SELECT 1 FROM "comment_search_deferral") BEGIN
    INSERT INTO "comment_search_pending" ("answer_id") VALUES (new."id");
END;

-- A queued comment that is deleted or edited before its batch is indexed leaves the queue: the delete needs no
-- index entry, and the edit's own trigger indexes the new text.
CREATE TRIGGER "feedback_answer_search_dequeue" AFTER DELETE ON "feedback_answer" BEGIN
    DELETE FROM "comment_search_pending" WHERE "answer_id" = old."id";
END;

DROP TRIGGER "feedback_answer_search_update";
CREATE TRIGGER "feedback_answer_search_update" AFTER UPDATE OF "text" ON "feedback_answer" BEGIN
    DELETE FROM "comment_search" WHERE rowid = (
        SELECT (CAST(julianday(f."received_on") AS INTEGER) - 2440000) * 4294967296 + old."id"
        FROM "feedback" f WHERE f."id" = old."feedback_record_id")
        AND NOT EXISTS (SELECT 1 FROM "comment_search_pending" WHERE "answer_id" = old."id");
    DELETE FROM "comment_search_pending" WHERE "answer_id" = old."id";
    INSERT INTO "comment_search" (rowid, "text")
    SELECT (CAST(julianday(f."received_on") AS INTEGER) - 2440000) * 4294967296 + new."id", new."text"
    FROM "feedback" f WHERE f."id" = new."feedback_record_id" AND new."text" IS NOT NULL;
END;

DROP TRIGGER "feedback_search_redate";
CREATE TRIGGER "feedback_search_redate" AFTER UPDATE OF "received_on" ON "feedback" BEGIN
    DELETE FROM "comment_search" WHERE rowid IN (
        SELECT (CAST(julianday(old."received_on") AS INTEGER) - 2440000) * 4294967296 + a."id"
        FROM "feedback_answer" a WHERE a."feedback_record_id" = new."id" AND a."text" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM "comment_search_pending" p WHERE p."answer_id" = a."id"));
    DELETE FROM "comment_search_pending" WHERE "answer_id" IN (
        SELECT a."id" FROM "feedback_answer" a WHERE a."feedback_record_id" = new."id");
    INSERT INTO "comment_search" (rowid, "text")
    SELECT (CAST(julianday(new."received_on") AS INTEGER) - 2440000) * 4294967296 + a."id", a."text"
    FROM "feedback_answer" a WHERE a."feedback_record_id" = new."id" AND a."text" IS NOT NULL;
END;
