-- People as people (issue 14): an interviewer's job title kept apart from the name ("Priya
-- Shah (Head of Analytics)"), and how the user addresses each interviewer and referee in the
-- drafts ("Priya", "Dr Ward"), asked once. NULL: not asked yet (the drafts use the full name
-- for an interviewer, the first name for a referee).
ALTER TABLE interviewers ADD COLUMN job_title TEXT;
ALTER TABLE interviewers ADD COLUMN address TEXT;
ALTER TABLE referees ADD COLUMN address TEXT;
