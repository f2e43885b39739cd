-- Core schema: users, interviews and everything the journey stores, plus PTB persistence.
-- Times are UTC ISO-8601 strings ("2026-11-21T14:00:00+00:00"); dates are "YYYY-MM-DD".

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,          -- Telegram user id
    chat_id         INTEGER NOT NULL,             -- private chat id (equals id in practice)
    first_name      TEXT NOT NULL DEFAULT '',
    tz              TEXT,                         -- IANA zone; NULL until /start asked it
    country         TEXT,                         -- ISO 3166 alpha-2 for public holidays
    quiet_start     TEXT NOT NULL DEFAULT '21:00',
    quiet_end       TEXT NOT NULL DEFAULT '08:00',
    reminders_on    INTEGER NOT NULL DEFAULT 1,
    weekly_on       INTEGER NOT NULL DEFAULT 1,
    paused          INTEGER NOT NULL DEFAULT 0,   -- 1 after Telegram said Forbidden
    current_interview_id INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);

CREATE TABLE interviews (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    parent_id       INTEGER REFERENCES interviews(id) ON DELETE SET NULL,
    round           INTEGER NOT NULL DEFAULT 1,
    company         TEXT,
    role            TEXT,
    held_at         TEXT,                         -- interview end T (UTC)
    next_stage      TEXT,                         -- what they said the next stage is
    asked_next_stage INTEGER,                     -- 0 = "I didn't ask", 1 = asked, NULL = unknown
    reply_by        TEXT,                         -- date the employer said they'd reply by
    reply_text      TEXT,                         -- the user's words, e.g. "within a week"
    process_info    TEXT,                         -- other candidates / second round / tests
    rating          INTEGER CHECK (rating BETWEEN 1 AND 5),
    went_well       TEXT,
    not_landed      TEXT,
    forgot_to_say   TEXT,
    outcome         TEXT CHECK (outcome IN ('offer','rejected','next_round','withdrawn','waiting')),
    outcome_at      TEXT,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX interviews_user ON interviews(user_id, status);

-- Explicit step states; a step with no row takes the state the coaching rules derive.
CREATE TABLE interview_steps (
    interview_id    INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    step            TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending','done','skipped','not_applicable')),
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (interview_id, step)
);

CREATE TABLE interviewers (
    id              INTEGER PRIMARY KEY,
    interview_id    INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    email           TEXT,
    extra_point     TEXT,                         -- one forgotten point / smoothed answer
    thanks_sent_at  TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX interviewers_interview ON interviewers(interview_id);

CREATE TABLE notes (
    id              INTEGER PRIMARY KEY,
    interview_id    INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    body            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX notes_interview ON notes(interview_id);

CREATE TABLE social_pages (
    id              INTEGER PRIMARY KEY,
    interview_id    INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    page            TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

-- Referees belong to the user and are reused across interviews.
CREATE TABLE referees (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    contact         TEXT,
    relationship    TEXT,
    permission      INTEGER NOT NULL DEFAULT 0,   -- 1 once the user asked their permission
    created_at      TEXT NOT NULL
);
CREATE INDEX referees_user ON referees(user_id);

CREATE TABLE referee_briefings (
    interview_id    INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    referee_id      INTEGER NOT NULL REFERENCES referees(id) ON DELETE CASCADE,
    briefed_at      TEXT NOT NULL,
    PRIMARY KEY (interview_id, referee_id)
);

CREATE TABLE followups (
    id              INTEGER PRIMARY KEY,
    interview_id    INTEGER NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    sent_at         TEXT NOT NULL
);
CREATE INDEX followups_interview ON followups(interview_id);

-- python-telegram-bot persistence (see bot/persistence.py). JSON values.
CREATE TABLE ptb_conversations (
    name            TEXT NOT NULL,
    key             TEXT NOT NULL,                -- JSON list, e.g. [chat_id, user_id]
    state           TEXT NOT NULL,                -- JSON value
    PRIMARY KEY (name, key)
);
CREATE TABLE ptb_user_data (
    user_id         INTEGER PRIMARY KEY,
    data            TEXT NOT NULL
);
CREATE TABLE ptb_chat_data (
    chat_id         INTEGER PRIMARY KEY,
    data            TEXT NOT NULL
);
