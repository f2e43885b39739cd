-- Drafts the user pasted back for review (issue 4): kept like every other answer, and used to
-- spot two interviewers' notes that read alike.
CREATE TABLE draft_reviews (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    interview_id    INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,                -- a DraftKind value
    person_id       INTEGER,                      -- the interviewer or referee it is for
    body            TEXT NOT NULL,
    findings        TEXT NOT NULL,                -- JSON list of rule names; [] = ready to send
    created_at      TEXT NOT NULL
);
CREATE INDEX draft_reviews_interview ON draft_reviews(interview_id, kind, person_id);
