-- 0025: each comment carries its feedback's unit and day received, so comment search can narrow and walk the answers
-- through their own indexes, and combine those with the text index, without reading every match's feedback row.
-- At 2,000,000 comments, walking feedback by date and probing each row's answers read a whole day's feedback before
-- the first page (0.7 s for a common word), and a ward manager's search read all 10,000 of the ward's feedback rows to
-- count its matches (0.3 to 0.6 s). Triggers keep the copies in step, so no writer (EF Core, the importers' COPY) has
-- to know about them. SQLite's comment index is keyed by date already (0007), so its step is empty.
ALTER TABLE feedback_answer ADD COLUMN unit_id integer, ADD COLUMN received_on date;
UPDATE feedback_answer a SET unit_id = f.unit_id, received_on = f.received_on FROM feedback f WHERE f.id = a.feedback_record_id;

CREATE FUNCTION feedback_answer_takes_unit_and_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT f.unit_id, f.received_on INTO NEW.unit_id, NEW.received_on FROM feedback f WHERE f.id = NEW.feedback_record_id;
    RETURN NEW;
END
$$;
CREATE TRIGGER tr_feedback_answer_unit_and_day BEFORE INSERT OR UPDATE OF feedback_record_id ON feedback_answer
    FOR EACH ROW EXECUTE FUNCTION feedback_answer_takes_unit_and_day();

CREATE FUNCTION feedback_gives_unit_and_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE feedback_answer SET unit_id = NEW.unit_id, received_on = NEW.received_on WHERE feedback_record_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER tr_feedback_unit_and_day AFTER UPDATE OF unit_id, received_on ON feedback
    FOR EACH ROW WHEN (OLD.unit_id IS DISTINCT FROM NEW.unit_id OR OLD.received_on IS DISTINCT FROM NEW.received_on)
    EXECUTE FUNCTION feedback_gives_unit_and_day();

CREATE INDEX ix_feedback_answer_received_on_id ON feedback_answer (received_on, id);
CREATE INDEX ix_feedback_answer_unit_id_received_on_id ON feedback_answer (unit_id, received_on, id);
