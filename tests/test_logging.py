"""Logging: one line per update with the user id, never the text, never the token; and the
one error handler that apologises and logs the traceback with the update."""

from __future__ import annotations

import logging
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.texts import common as tc
from bot.tg.logs import REDACTED, RedactingFormatter, describe
from tests import updates
from tests.chat import Chat
from tests.conftest import TOKEN
from tests.fakeapi import FakeTelegram, Sent
from tests.fakeserver import FakeBotServer
from tests.journeys import setup_user
from tests.process import ROOT, bot_env, wait_for

SECRET_ANSWER = "Zanzibar-Quartz-Answer-4417"  # what the user types; must never reach a log
USER = 6060


class Remote:
    """A user talking to the bot process through the loopback fake Bot API."""

    def __init__(self, fake: FakeTelegram, user_id: int) -> None:
        self.fake, self.user_id = fake, user_id

    def _settle(self, before: int) -> list[Sent]:
        assert wait_for(lambda: len(self.fake.sent_to(self.user_id)) > before), "no reply"
        # Replies can be several messages: wait until none has arrived for a moment.
        seen = -1
        while seen != len(self.fake.sent_to(self.user_id)):
            seen = len(self.fake.sent_to(self.user_id))
            time.sleep(0.2)
        return self.fake.sent_to(self.user_id)[before:]

    def send(self, text: str) -> str:
        before = len(self.fake.sent_to(self.user_id))
        self.fake.push_update(updates.message(self.user_id, text))
        return "\n".join(s.text for s in self._settle(before))

    def press(self, label: str) -> str:
        history = self.fake.sent_to(self.user_id)
        sent = next(s for s in reversed(history) if s.button_data(label) is not None)
        data = sent.button_data(label)
        assert data is not None
        self.fake.push_update(updates.callback(self.user_id, data, sent))
        return "\n".join(s.text for s in self._settle(len(history)))


def journey(remote: Remote, fake: FakeTelegram) -> None:
    """/start to "what's next?" through a whole debrief, with one failed send on the way."""
    assert "time zone" in remote.send("/start")
    remote.press("🇬🇧 London")
    remote.press("🇬🇧 UK")
    assert "Which company" in remote.send("/debrief")
    assert "role" in remote.send(SECRET_ANSWER)
    remote.send("Data Analyst")
    assert "Who interviewed" in remote.press("Just now")
    remote.send("Priya Shah")
    remote.send(f"priya@{SECRET_ANSWER.lower()}.example")
    assert "next stage" in remote.press("That's everyone")
    # Telegram refuses the next reply once: the error handler must apologise and log it.
    fake.fail("sendMessage", "bad_request", chat_id=remote.user_id)
    assert tc.ERROR in remote.send("A case study with the team")
    remote.send("/debrief")
    remote.press("Carry on")
    remote.press("They didn't say")
    remote.press("Nothing mentioned")
    remote.press("4")
    remote.send(f"My {SECRET_ANSWER} story")
    assert "Debrief saved" in remote.send("The salary question")
    assert "Next" in remote.send("what's next?")


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_whole_journey_never_logs_the_token(tmp_path: Path, level: str) -> None:
    fake = FakeTelegram()
    log_file = tmp_path / "bot.log"
    with FakeBotServer(fake, TOKEN) as server, log_file.open("w") as sink:
        env = bot_env(TOKEN, server.base_url, tmp_path / "bot.sqlite3", LOG_LEVEL=level)
        # To a file, not a pipe: DEBUG output would fill a pipe nobody reads until the end.
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot"], env=env, cwd=ROOT, stdout=sink, stderr=sink, text=True
        )
        try:
            journey(Remote(fake, USER), fake)
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
    logs = log_file.read_text()
    assert proc.returncode == 0, logs[-2000:]
    assert TOKEN not in logs
    assert TOKEN.split(":", 1)[1] not in logs  # not even the secret half on its own
    # One line per update, with the user id and the kind of event.
    assert f"user={USER} kind=command:/debrief" in logs
    assert f"user={USER} kind=button:setup:tz" in logs
    assert f"user={USER} kind=text" in logs
    # The failed send: one ERROR line naming the update, with its traceback.
    assert "ERROR bot.tg.errors: unhandled error update=" in logs
    assert "Traceback (most recent call last)" in logs and "BadRequest" in logs
    if level == "INFO":
        assert SECRET_ANSWER not in logs
        assert SECRET_ANSWER.lower() not in logs
        assert "Priya" not in logs


async def test_each_update_is_one_line_without_its_text(
    chat: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await chat.send("/start")
    await chat.press("🇬🇧 London")
    await chat.send(f"<b>{SECRET_ANSWER}</b> & more")
    lines = [r.getMessage() for r in caplog.records if r.name == "afterview.updates"]
    assert len(lines) == 3
    assert lines[0].endswith(f"user={chat.user_id} kind=command:/start")
    assert lines[1].endswith(f"user={chat.user_id} kind=button:setup:tz")
    assert lines[2].endswith(f"user={chat.user_id} kind=text")
    assert all(SECRET_ANSWER not in r.getMessage() for r in caplog.records)


async def test_error_handler_apologises_and_logs_the_update(
    chat: Chat, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    await setup_user(chat)
    store = chat.app.runtime.store
    await chat.send("/debrief")
    await chat.send("Acme")  # an interview in progress, which /debrief reads back

    async def broken(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.interviews, "get", broken)
    caplog.set_level(logging.DEBUG)
    replies = await chat.send("/debrief")
    assert tc.ERROR in chat.texts(replies)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 1
    assert f"user={chat.user_id} kind=command:/debrief" in errors[0].getMessage()
    assert errors[0].exc_info is not None and "disk I/O error" in str(errors[0].exc_info[1])
    # The whole update, text included, only at DEBUG.
    debug = [r.getMessage() for r in caplog.records if r.levelno == logging.DEBUG]
    assert any("the update that failed" in line and "/debrief" in line for line in debug)


def test_formatter_blanks_secrets_in_messages_and_tracebacks() -> None:
    formatter = RedactingFormatter("%(levelname)s %(message)s", [TOKEN, "", "hook-secret"])
    try:
        raise RuntimeError(f"POST https://example.invalid/bot{TOKEN}/getMe hook-secret")
    except RuntimeError as exc:
        record = logging.LogRecord(
            "x", logging.ERROR, __file__, 1, "url %s", (f"/bot{TOKEN}/",), (type(exc), exc, None)
        )
    text = formatter.format(record)
    assert TOKEN not in text and "hook-secret" not in text
    assert text.count(REDACTED) == 3 and "RuntimeError" in text


def test_describe_never_repeats_forged_data() -> None:
    from telegram import Update

    forged = Update.de_json(updates.callback(1, "<script>:" + SECRET_ANSWER), None)
    assert describe(forged) == "button:?:?"
    command = Update.de_json(updates.message(1, "/debrief@AfterviewTestBot now"), None)
    assert describe(command) == "command:/debrief"
    odd = Update.de_json(updates.message(1, "/" + SECRET_ANSWER), None)
    assert describe(odd) == "command:?"
    sticker = Update.de_json(updates.message(1, sticker=True), None)
    assert describe(sticker) == "media"
    edited = Update.de_json(updates.message(1, "changed", edited=True), None)
    assert describe(edited) == "edited"
