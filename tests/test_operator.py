"""Operator settings: /contact and the closing block, the allow-list, /stats for admins."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.rules.coaching import Step
from bot.storage.sqlite import Connection
from bot.storage.stats import StatsRepo
from bot.texts import operator as to
from tests.chat import Chat
from tests.conftest import Apps, Clock, make_settings
from tests.fakeapi import FakeTelegram
from tests.journeys import setup_user

OPERATOR = {
    "operator_name": "Jobs & Skills <Stafford>",
    "operator_about": "We are based in Stafford and South Staffordshire.",
    "operator_contact": "01785 000000\\nhello@jobs.example",
}
ADMIN = 9001


@pytest.fixture
async def operated(tmp_path: Path, fake: FakeTelegram, clock: Clock) -> AsyncIterator[Apps]:
    """Apps with an operator, an allow-list and an admin, set as the environment would."""
    settings = make_settings(
        tmp_path, admin_user_ids=str(ADMIN), allowed_user_ids="1001, 1002", **OPERATOR
    )
    apps = Apps(settings, fake, clock)
    yield apps
    await apps.close()


async def test_contact_shows_the_organisation(operated: Apps, fake: FakeTelegram) -> None:
    chat = Chat(await operated.start(), fake)
    text = chat.texts(await chat.send("/contact"))
    assert "Jobs & Skills <Stafford>" in text  # escaped on the way, shown as typed
    assert "Stafford and South Staffordshire" in text
    assert "01785 000000\nhello@jobs.example" in text  # "\n" in the setting is a line break
    assert "help getting into work" in text


async def test_contact_without_operator(chat: Chat) -> None:
    assert chat.texts(await chat.send("/contact")) == to.NO_OPERATOR


async def test_contact_mid_conversation_leaves_it_as_it_was(
    operated: Apps, fake: FakeTelegram
) -> None:
    chat = Chat(await operated.start(), fake)
    await setup_user(chat)
    await chat.send("/debrief")
    assert "Jobs & Skills" in chat.texts(await chat.send("/contact"))
    assert "role" in chat.texts(await chat.send("Acme"))  # the debrief carries on


async def test_end_of_journey_closes_with_the_contact_block(
    operated: Apps, fake: FakeTelegram
) -> None:
    chat = Chat(await operated.start(), fake)
    await setup_user(chat)
    text = chat.texts(await chat.send("what's next?"))
    assert "Nothing is waiting for you" in text
    assert text.endswith("01785 000000\nhello@jobs.example")


async def test_end_of_journey_without_operator_has_no_block(chat: Chat) -> None:
    await setup_user(chat)
    text = chat.texts(await chat.send("what's next?"))
    assert "Nothing is waiting for you" in text and "Contact us" not in text


async def test_allow_list_refuses_others_once_and_stores_nothing(
    operated: Apps, fake: FakeTelegram
) -> None:
    app = await operated.start()
    stranger = Chat(app, fake, user_id=5555)
    first = await stranger.send("/start")
    assert [s.html for s in first] == [to.refusal(app.runtime.settings)]
    assert "only open to the clients of Jobs & Skills" in stranger.texts(first)
    # Nothing more, whatever they send or press; a pressed button's spinner still stops.
    assert await stranger.send("/debrief") == []
    assert await stranger.send("hello?") == []
    answers = len(fake.callback_answers)
    assert await stranger.press_data("open:debrief") == []
    assert len(fake.callback_answers) == answers + 1
    store = app.runtime.store
    assert await store.users.get(5555) is None
    for table in ("conversations", "outbox"):
        found = await store.db.execute_fetchall(f"SELECT 1 FROM {table} WHERE user_id = 5555")
        assert found == [], table
    # A listed user and an admin (not listed, admins always may) get the coach.
    member = Chat(app, fake, user_id=1002)
    assert "Afterview" in member.texts(await member.send("/start"))
    admin = Chat(app, fake, user_id=ADMIN)
    assert "Afterview" in admin.texts(await admin.send("/start"))


async def test_without_allow_list_everyone_may(chat: Chat) -> None:
    other = Chat(chat.app, chat.fake, user_id=777777)
    assert "Afterview" in other.texts(await other.send("/start"))


async def test_stats_only_for_admins(operated: Apps, fake: FakeTelegram) -> None:
    app = await operated.start()
    user = Chat(app, fake, user_id=1001)
    await setup_user(user)
    await user.send("/debrief")
    await user.send("Acme")
    await user.send("Analyst")
    await user.press("Just now")
    await user.press("Skip")  # interviewer
    await user.press("I didn't ask")
    await user.press("They didn't say")
    await user.press("Nothing mentioned")
    await user.press("4")
    await user.press("Skip")
    await user.press("Skip")
    second = Chat(app, fake, user_id=1002)
    await setup_user(second)
    await second.send("/debrief")
    await second.send("Globex")  # the first answer creates the interview

    refused = user.texts(await user.send("/stats"))
    assert refused == to.STATS_ADMINS_ONLY
    assert "Users" not in refused

    admin = Chat(app, fake, user_id=ADMIN)
    text = admin.texts(await admin.send("/stats"))
    assert "Users: 3 (2 with an active interview)" in text  # two users and the admin
    assert "Interviews: 2 active, 0 closed" in text
    assert "Debrief: 1 (0)" in text and "Reflect: 1 (0)" in text
    assert "Notes:" not in text  # no step counted that nobody did
    figures = await app.runtime.store.stats.gather()
    if figures.nudges is None:
        assert "Nudges: not recorded yet" in text
    else:
        found = re.search(r"Nudges: (\d+) pending, (\d+) sent, (\d+) failed", text)
        assert found is not None
        assert [int(n) for n in found.groups()] == [
            figures.nudges["pending"],
            figures.nudges["sent"],
            figures.nudges["failed"],
        ]


def test_user_id_lists_from_the_environment(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, allowed_user_ids="12, 34;56 78", admin_user_ids="")
    assert settings.allowed_user_ids == {12, 34, 56, 78} and settings.admin_user_ids == set()
    assert settings.may_use(34) and not settings.may_use(99)
    assert make_settings(tmp_path).may_use(99)  # no list: everyone
    with pytest.raises(ValidationError, match="user ids \\(numbers\\) separated by commas"):
        make_settings(tmp_path, admin_user_ids="12,@sam")


async def test_stats_groups_nudge_states() -> None:
    with contextlib.closing(sqlite3.connect(":memory:")) as raw:
        db = Connection(raw)
        await db.executescript(
            "CREATE TABLE users (id INTEGER PRIMARY KEY);"
            "CREATE TABLE interviews (id INTEGER PRIMARY KEY, user_id INTEGER, status TEXT);"
            "CREATE TABLE interview_steps (interview_id INTEGER, step TEXT, state TEXT);"
            "INSERT INTO users VALUES (1), (2);"
            "INSERT INTO interviews VALUES (1, 1, 'active'), (2, 1, 'closed'), (3, 2, 'closed');"
            "INSERT INTO interview_steps VALUES (1, 'notes', 'done'), (2, 'notes', 'skipped'),"
            " (3, 'notes', 'done'), (1, 'thanks', 'pending'), (1, 'retired_step', 'done');"
        )
        stats = await StatsRepo(db).gather()
        assert stats.nudges is None  # no reminders table yet: absent, not an error
        assert (stats.users, stats.users_with_active) == (2, 1)
        assert (stats.interviews_active, stats.interviews_closed) == (1, 2)
        assert stats.steps_done == {Step.NOTES: 2} and stats.steps_skipped == {Step.NOTES: 1}
        await db.executescript(
            "CREATE TABLE reminders (id INTEGER PRIMARY KEY, state TEXT);"
            "INSERT INTO reminders (state) VALUES ('pending'), ('sending'), ('paused'),"
            " ('sent'), ('acknowledged'), ('sent'), ('failed'), ('cancelled');"
        )
        stats = await StatsRepo(db).gather()
        assert stats.nudges == {"pending": 3, "sent": 3, "failed": 1}
