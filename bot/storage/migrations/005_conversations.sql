-- Conversation state in our own table, read per update (issue 11), and a durable outbox.
--
-- Each user has at most one pending question: the step (`name`) and its `state`, or NULL
-- when nothing is pending; `data` is the step's scratch values (JSON). A handler's answer,
-- the next state and the replies to send are committed in one transaction before any reply
-- goes out, so a crash at any instant loses no acknowledged answer.
CREATE TABLE conversations (
    user_id         INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    name            TEXT,                         -- the step, e.g. 'debrief'
    state           TEXT,                         -- its state, e.g. 'role'; NULL: none pending
    data            TEXT NOT NULL DEFAULT '{}',   -- scratch values, a JSON object
    update_id       INTEGER,                      -- the last update handled for this user
    updated_at      TEXT NOT NULL
);

-- Replies committed with the state that needs them, deleted once Telegram has them; what a
-- crash left here is sent at start-up.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    method          TEXT NOT NULL,                -- a Bot API method, e.g. 'sendMessage'
    params          TEXT NOT NULL,                -- its parameters, a JSON object
    created_at      TEXT NOT NULL
);

-- PTB kept one row per conversation handler and key [chat_id, user_id]; the switches
-- between handlers left at most one pending per user (the newest row wins if not).
INSERT INTO conversations (user_id, name, state, data, updated_at)
SELECT u.id,
       (SELECT c.name FROM ptb_conversations c
         WHERE json_extract(c.key, '$[#-1]') = u.id ORDER BY c.rowid DESC LIMIT 1),
       (SELECT json_extract(c.state, '$') FROM ptb_conversations c
         WHERE json_extract(c.key, '$[#-1]') = u.id ORDER BY c.rowid DESC LIMIT 1),
       COALESCE((SELECT d.data FROM ptb_user_data d WHERE d.user_id = u.id), '{}'),
       strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
FROM users u
WHERE EXISTS (SELECT 1 FROM ptb_conversations c WHERE json_extract(c.key, '$[#-1]') = u.id)
   OR EXISTS (SELECT 1 FROM ptb_user_data d WHERE d.user_id = u.id AND d.data <> '{}');

DROP TABLE ptb_conversations;
DROP TABLE ptb_user_data;
DROP TABLE ptb_chat_data;
