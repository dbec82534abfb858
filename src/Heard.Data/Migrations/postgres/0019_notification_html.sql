-- 0019: a notification may carry an HTML version beside its plain-text body (the weekly ward digest is a one-page
-- HTML email). Mail clients that cannot show HTML read the plain text; existing notifications stay plain text.
ALTER TABLE notification ADD COLUMN html_body text;
