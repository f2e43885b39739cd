-- People as people (issue 14): an interviewer's job title kept apart from the name ("Priya
-- Shah (Head of Analytics)"), and how the user addresses each interviewer and referee in the
-- drafts ("Priya", "Dr Ward"), asked once. NULL: not asked yet (the drafts use the full name
-- for an interviewer, the first name for a referee).
ALTER TABLE interviewers ADD COLUMN job_title TEXT;
ALTER TABLE interviewers ADD COLUMN address TEXT;
ALTER TABLE referees ADD COLUMN address TEXT;
-- What the user enjoyed hearing about from this interviewer, asked as "Finish the sentence: I
-- enjoyed hearing about …" so that it fits the thank-you's sentence as typed.
ALTER TABLE interviewers ADD COLUMN enjoyed TEXT;
-- The two or three strengths the user picked for the referee briefings, one a line.
ALTER TABLE interviews ADD COLUMN strengths TEXT;
