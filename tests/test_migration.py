"""A database made by the schema before the core moved conversation state into our own tables
(migrations 001-004, PTB persistence) upgrades in place: answers, nudges and the question each
user had pending survive, and the conversation carries on from it."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bot.settings import Settings
from bot.storage.db import migrations
from tests.chat import Chat
from tests.conftest import START, Apps
from tests.fakeapi import FakeTelegram

# PostgreSQL databases start after 005 (no python-telegram-bot persistence to carry over).
pytestmark = pytest.mark.sqlite_only("upgrades a database from the PTB-persistence schema")

MID_DEBRIEF, IDLE, ORPHAN = 2001, 2002, 2003
NOW = START.isoformat()


def old_database(path: Path) -> None:
    """Today's schema (up to 004) with users as the PTB-persisting bot left them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        for number, sql in migrations():
            if number <= 4:
                db.executescript(f"BEGIN;\n{sql}\nPRAGMA user_version = {number};\nCOMMIT;")
        for uid in (MID_DEBRIEF, IDLE):
            db.execute(
                "INSERT INTO users (id, chat_id, first_name, tz, country, created_at, updated_at)"
                " VALUES (?, ?, 'Sam', 'Europe/London', 'GB', ?, ?)",
                (uid, uid, NOW, NOW),
            )
        db.execute(
            "INSERT INTO interviews (id, user_id, company, created_at, updated_at)"
            " VALUES (51, ?, 'Acme', ?, ?)",
            (MID_DEBRIEF, NOW, NOW),
        )
        db.execute(
            "INSERT INTO reminders (user_id, interview_id, step, kind, slot, rule_at, due_at,"
            " created_at, updated_at) VALUES (?, 51, 'notes', 'notes', 'notes', ?, ?, ?, ?)",
            (MID_DEBRIEF, NOW, NOW, NOW, NOW),
        )
        rows = [
            ("debrief", [MID_DEBRIEF, MID_DEBRIEF], "debrief.role"),
            ("notes", [ORPHAN, ORPHAN], "notes.text"),  # a user row /forget already removed
        ]
        for name, key, state in rows:
            db.execute(
                "INSERT INTO ptb_conversations (name, key, state) VALUES (?, ?, ?)",
                (name, json.dumps(key), json.dumps(state)),
            )
        data = {"debrief_id": 51, "debrief_skipped": []}
        db.execute(
            "INSERT INTO ptb_user_data (user_id, data) VALUES (?, ?)",
            (MID_DEBRIEF, json.dumps(data)),
        )
        db.execute("INSERT INTO ptb_user_data (user_id, data) VALUES (?, '{}')", (IDLE,))
        db.execute("INSERT INTO ptb_chat_data (chat_id, data) VALUES (?, '{}')", (IDLE,))


async def test_an_old_database_upgrades_and_the_pending_question_resumes(
    settings: Settings, apps: Apps, fake: FakeTelegram
) -> None:
    old_database(settings.database_path)
    app = await apps.start()
    with sqlite3.connect(settings.database_path) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows = db.execute("SELECT user_id, name, state, data FROM conversations").fetchall()
        version = db.execute("PRAGMA user_version").fetchone()[0]
        reminders = db.execute("SELECT COUNT(*) FROM reminders").fetchone()[0]
    assert version == max(n for n, _ in migrations())
    assert not {"ptb_conversations", "ptb_user_data", "ptb_chat_data"} & tables
    assert reminders == 1
    # The user mid-debrief keeps question and scratch data; nothing is made up for the others.
    assert [(u, n, s, json.loads(d)) for u, n, s, d in rows] == [
        (MID_DEBRIEF, "debrief", "debrief.role", {"debrief_id": 51, "debrief_skipped": []})
    ]
    chat = Chat(app, fake, user_id=MID_DEBRIEF)
    r = await chat.send("Data Analyst")  # the answer to the question pending before the upgrade
    assert "When was it" in chat.texts(r)
    interview = await app.runtime.store.interviews.get(51)
    assert interview is not None
    assert (interview.company, interview.role) == ("Acme", "Data Analyst")
    idle = Chat(app, fake, user_id=IDLE)
    assert "not sure" in idle.texts(await idle.send("purple"))  # any text, not a greeting
