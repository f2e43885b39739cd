-- Nudges (issue 3): the database is the only truth about what is due, sent or acknowledged.
-- One row per nudge occurrence. `slot` names which nudge of the interview it is ("notes",
-- "followup:2", ...): at most one row per slot is live (pending or paused) at a time.
-- Times are UTC ISO-8601 strings, like everywhere else.

CREATE TABLE reminders (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    interview_id    INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    step            TEXT NOT NULL,                -- bot.coaching.Step
    kind            TEXT NOT NULL,                -- why it is due: a key of texts/nudges.WHY
    slot            TEXT NOT NULL,
    rule_at         TEXT NOT NULL,                -- when the coaching rules want it
    due_at          TEXT NOT NULL,                -- when it goes out: past quiet hours, or snoozed
    snoozed         INTEGER NOT NULL DEFAULT 0,   -- 1: due_at is the user's choice
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN
                        ('pending','paused','sending','sent','acknowledged','cancelled','failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,   -- sends tried (a claim counts one)
    last_error      TEXT,
    message_id      INTEGER,                      -- the Telegram message that carried it
    sent_at         TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
-- The dispatcher's one hot query: the earliest pending rows. Partial, so that delivered and
-- cancelled history never slows it down.
CREATE INDEX reminders_due ON reminders(due_at) WHERE state = 'pending';
-- Rows a crash left between claim and record; normally empty.
CREATE INDEX reminders_sending ON reminders(id) WHERE state = 'sending';
CREATE INDEX reminders_interview ON reminders(interview_id);
CREATE INDEX reminders_user ON reminders(user_id, state);
