-- Ask an adviser (issue 17): the link between a client and their topic in the staff group.
--
-- One row per client who opened /adviser. `consent`: NULL (not given, or taken back with
-- /adviser stop), 'message' (their first name and what they send) or 'summary' (also a
-- summary of their interviews and steps). `topic_id`: the forum topic in `staff_chat_id`
-- (NULL until created, or in a group without topics). /forget deletes the rows (user_id).
CREATE TABLE adviser_links (
    id              INTEGER PRIMARY KEY,          -- the client's number shown to staff
    user_id         INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    consent         TEXT CHECK (consent IN ('message', 'summary')),
    staff_chat_id   INTEGER,
    topic_id        INTEGER,
    blocked_at      TEXT,                         -- when Telegram said they blocked the bot
    stopped_at      TEXT,                         -- /adviser stop
    acknowledged    INTEGER NOT NULL DEFAULT 0,   -- told "sent" since /adviser last opened
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX adviser_links_topic ON adviser_links (staff_chat_id, topic_id);

-- A client's message to pass on, committed with the update that took it and deleted once it
-- was tried: what a crash left here is passed on at start-up.
CREATE TABLE adviser_queue (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    chat_id         INTEGER NOT NULL,             -- the client's chat and message to copy
    message_id      INTEGER NOT NULL,
    created_at      TEXT NOT NULL
);

-- The client's messages as copied into the staff group, so that a reply to one of them (in a
-- group without topics) finds its client.
CREATE TABLE adviser_messages (
    staff_chat_id   INTEGER NOT NULL,
    message_id      INTEGER NOT NULL,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (staff_chat_id, message_id)
);
