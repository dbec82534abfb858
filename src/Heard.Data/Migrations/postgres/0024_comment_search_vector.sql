-- 0024: comment search at 2,000,000 comments (docs/performance.md, "Comment search on PostgreSQL"). The English text
-- index of 0003 was on an expression, so every candidate row had its text parsed again (to check a phrase, and for
-- each row of a walk by date); the vector is now stored with the answer and indexed, and feedback gets an index by
-- day received, so a search can walk comments newest first and stop at the page instead of sorting every match.
ALTER TABLE feedback_answer ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce(text, ''))) STORED;
CREATE INDEX ix_feedback_answer_search_vector ON feedback_answer USING gin (search_vector);
DROP INDEX ix_feedback_answer_text_search;
CREATE INDEX ix_feedback_received_on_id ON feedback (received_on, id);
